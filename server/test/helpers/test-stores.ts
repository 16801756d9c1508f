import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SCHEMA_CHANGE_KEY, SCHEMA_CHANGE_LOCK, SCHEMA_CHANGE_UNLOCK } from '../../src/stores/meta/postgres/open-postgres.js';

/**
 * Which backends the suites run on. `OPENSMH_TEST_STORES` is a comma list: `postgres` adds
 * PostgreSQL metadata, `s3` adds S3 blobs (a real S3 server, see scripts/start-rgw.sh), `redis`
 * adds Redis coordination.
 * Default: SQLite + local disk only, which need nothing installed.
 */
const STORES = (process.env.OPENSMH_TEST_STORES ?? '').split(',').map((item) => item.trim());

export const USE_POSTGRES = STORES.includes('postgres');
export const USE_S3 = STORES.includes('s3');
export const USE_REDIS = STORES.includes('redis');
export const TEST_REDIS_URL = process.env.OPENSMH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DATABASE_URL = process.env.OPENSMH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const TEST_S3 = {
  endpoint: process.env.OPENSMH_TEST_S3_ENDPOINT ?? 'http://127.0.0.1:47480',
  region: 'us-east-1',
  bucket: process.env.OPENSMH_TEST_S3_BUCKET ?? 'opensmh-test',
  accessKeyId: process.env.OPENSMH_TEST_S3_ACCESS_KEY_ID ?? 'TESTKEY',
  secretAccessKey: process.env.OPENSMH_TEST_S3_SECRET_ACCESS_KEY ?? 'TESTSECRET',
  forcePathStyle: true,
};

export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

/** Environment for one test server: its own PostgreSQL schema and S3 key prefix when enabled. */
export function testStoreEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  if (USE_POSTGRES) {
    env.OPENSMH_DATABASE_URL = TEST_DATABASE_URL;
    env.OPENSMH_DATABASE_SCHEMA = uniqueName('t_');
  }
  if (USE_S3) {
    Object.assign(env, {
      OPENSMH_S3_ENDPOINT: TEST_S3.endpoint,
      OPENSMH_S3_BUCKET: TEST_S3.bucket,
      OPENSMH_S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      OPENSMH_S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      OPENSMH_S3_PREFIX: uniqueName('t-'),
      // The HTTP suite checks this server's own signed links and upload targets; s3-direct.test.ts
      // covers the direct-to-bucket ones.
      OPENSMH_S3_PROXY_DOWNLOADS: 'true',
      OPENSMH_S3_PROXY_UPLOADS: 'true',
    });
  }
  if (USE_REDIS) {
    env.OPENSMH_REDIS_URL = TEST_REDIS_URL;
  }
  return env;
}

export async function dropSchema(schema: string | undefined): Promise<void> {
  if (!schema) {
    return;
  }
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    // Same lock as migrations: another server's start-up must not introspect a half-dropped schema.
    await client.query(SCHEMA_CHANGE_LOCK, [SCHEMA_CHANGE_KEY]);
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(SCHEMA_CHANGE_UNLOCK, [SCHEMA_CHANGE_KEY]);
  } finally {
    await client.end();
  }
}
