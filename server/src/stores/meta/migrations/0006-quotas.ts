import { type Kysely, type Migration, sql } from 'kysely';
import { autoIdType, type Dialect } from './dialect.js';

/**
 * Quotas (core.md §5) and the usage counters they are enforced against. `quotas.used` always
 * equals the summed `spaces.size` of the spaces a quota covers, and `library_usage.used` the
 * summed size of a library with `EnableQuota`: both move together with `spaces.size` in
 * `spaces.addSize` (repos/quota-usage.ts), so a conditional UPDATE can refuse bytes atomically.
 */
export function quotas(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('quotas')
        .addColumn('id', autoIdType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('capacity', 'bigint', (c) => c.notNull())
        .addColumn('used', 'bigint', (c) => c.notNull())
        .addColumn('remove_when_exceed', 'integer', (c) => c.notNull())
        .addColumn('remove_after_days', 'integer', (c) => c.notNull())
        .addColumn('remove_newest', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('quotas_library').on('quotas').columns(['library_id', 'id']).execute();
      // The primary key is what makes "a space has at most one quota" hold under concurrency.
      await db.schema
        .createTable('quota_spaces')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('quota_id', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('quota_spaces_pk', ['library_id', 'space_id'])
        .execute();
      await db.schema.createIndex('quota_spaces_quota').on('quota_spaces').columns(['quota_id']).execute();
      await db.schema
        .createTable('library_usage')
        .addColumn('library_id', 'text', (c) => c.primaryKey())
        .addColumn('used', 'bigint', (c) => c.notNull())
        .execute();
      // Libraries created with EnableQuota before this migration start from their current size;
      // later ones get their row (at 0) on their first size change.
      const libraries = await sql<{ id: string; settings: string }>`select id, settings from libraries`.execute(db);
      for (const library of libraries.rows) {
        if (JSON.parse(library.settings).enableQuota === true) {
          await sql`insert into library_usage (library_id, used)
            select ${library.id}, coalesce(sum(size), 0) from spaces where library_id = ${library.id}`.execute(db);
        }
      }
    },
  };
}
