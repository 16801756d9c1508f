import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { kyselyMetaStore, migrate } from '../kysely-meta-store.js';
import type { MetaStore } from '../meta-store.js';
import type { Database } from '../schema.js';

/**
 * One advisory lock serialises schema changes on a database: API nodes starting together migrate
 * one after the other, and Kysely's catalogue introspection never runs while a schema is dropped.
 */
export const SCHEMA_CHANGE_LOCK = 'select pg_advisory_lock(hashtext($1))';
export const SCHEMA_CHANGE_UNLOCK = 'select pg_advisory_unlock(hashtext($1))';
export const SCHEMA_CHANGE_KEY = 'opensmh-schema-change';

/** Opens (and migrates) the PostgreSQL metadata store used by scale-out deployments. */
export async function openPostgresMetaStore(connectionString: string, schema?: string): Promise<MetaStore> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Each connection works in its own schema when one is given, so tests can isolate themselves.
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const lock = await pool.connect();
  try {
    await lock.query(SCHEMA_CHANGE_LOCK, [SCHEMA_CHANGE_KEY]);
    if (schema) {
      await lock.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
    }
    await migrate(db, 'postgres', schema);
  } finally {
    await lock.query(SCHEMA_CHANGE_UNLOCK, [SCHEMA_CHANGE_KEY]).catch(() => undefined);
    lock.release();
  }
  return kyselyMetaStore(db, 'postgres');
}
