import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { kyselyMetaStore, migrate } from '../kysely-meta-store.js';
import type { MetaStore } from '../meta-store.js';
import type { Database } from '../schema.js';
import { DiskBallast, withBallast } from './disk-ballast.js';
import { SafeRollbackSqliteDialect } from './safe-rollback-dialect.js';

/** Largest SQLite ballast (disk-ballast.ts); smaller when the configured disk reserve is. */
const MAX_BALLAST_BYTES = 8 * 1024 * 1024;

/**
 * Opens (creating and migrating if needed) the embedded SQLite metadata store. `reserveBytes`
 * (the configured disk reserve) sizes the ballast kept so deletes commit on a full disk.
 */
export async function openSqliteMetaStore(file: string, options: { reserveBytes?: number } = {}): Promise<MetaStore> {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
  }
  const connection = new SQLite(file);
  // WAL keeps readers going during writes; synchronous=NORMAL is durable across process crashes in WAL mode.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SafeRollbackSqliteDialect({ database: connection }) });
  await migrate(db, 'sqlite');
  const store = kyselyMetaStore(db, 'sqlite');
  if (file === ':memory:' || !options.reserveBytes) {
    return store;
  }
  const ballast = new DiskBallast(`${file}.ballast`, Math.min(MAX_BALLAST_BYTES, options.reserveBytes));
  await ballast.ensure();
  return withBallast(store, ballast);
}
