import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { kyselyMetaStore, migrate } from '../kysely-meta-store.js';
import type { MetaStore } from '../meta-store.js';
import type { Database } from '../schema.js';

/** Opens (and migrates) the PostgreSQL metadata store used by scale-out deployments. */
export async function openPostgresMetaStore(connectionString: string, schema?: string): Promise<MetaStore> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Each connection works in its own schema when one is given, so tests can isolate themselves.
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  if (schema) {
    const client = await pool.connect();
    try {
      await client.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, 'postgres', schema);
  return kyselyMetaStore(db, 'postgres');
}
