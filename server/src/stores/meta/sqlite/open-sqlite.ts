import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { kyselyMetaStore, migrate } from '../kysely-meta-store.js';
import type { MetaStore } from '../meta-store.js';
import type { Database } from '../schema.js';

/** Opens (creating and migrating if needed) the embedded SQLite metadata store. */
export async function openSqliteMetaStore(file: string): Promise<MetaStore> {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
  }
  const connection = new SQLite(file);
  // WAL keeps readers going during writes; synchronous=NORMAL is durable across process crashes in WAL mode.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  await migrate(db, 'sqlite');
  return kyselyMetaStore(db, 'sqlite');
}
