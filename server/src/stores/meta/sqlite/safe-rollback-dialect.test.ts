import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { SafeRollbackSqliteDialect } from './safe-rollback-dialect.js';

interface Db {
  t: { x: Buffer };
}

describe('SQLite transactions on a full database', () => {
  it('surface SQLITE_FULL, not "cannot rollback - no transaction is active", and the connection stays usable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opensmh-full-'));
    const connection = new SQLite(join(dir, 'meta.sqlite'));
    connection.pragma('journal_mode = WAL');
    const db = new Kysely<Db>({ dialect: new SafeRollbackSqliteDialect({ database: connection }) });
    try {
      await sql`create table t (x blob)`.execute(db);
      // A page budget stands in for a full disk: SQLite answers SQLITE_FULL and rolls back itself.
      connection.pragma(`max_page_count = ${Number(connection.pragma('page_count', { simple: true })) + 2}`);
      const failed = await db
        .transaction()
        .execute((trx) => trx.insertInto('t').values({ x: Buffer.alloc(200_000) }).execute())
        .then(
          () => null,
          (error: unknown) => error as NodeJS.ErrnoException,
        );
      assert.equal(failed?.code, 'SQLITE_FULL', String(failed));
      assert.match(failed?.message ?? '', /full/);
      connection.pragma('max_page_count = 1073741823');
      await db.transaction().execute((trx) => trx.insertInto('t').values({ x: Buffer.alloc(10) }).execute());
      assert.equal((await db.selectFrom('t').selectAll().execute()).length, 1);
    } finally {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
