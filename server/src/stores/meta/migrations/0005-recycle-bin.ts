import type { Kysely, Migration } from 'kysely';
import { autoIdType, type Dialect } from './dialect.js';

/**
 * The recycle bin (dirs.md §6). A recycled file or directory keeps its `entries` rows — same
 * ids, paths and blob references, so no bytes are copied — but they move out of the live
 * namespace: their space_id becomes `<space>/bin/<item id>` (see repos/recycle-repo.ts), which no
 * live query ever matches and which gives each item its own unique-path namespace. One row here
 * per item describes it: what it was, how many files/dirs/bytes it holds and when it expires.
 */
export function recycleBin(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('recycled_items')
        .addColumn('id', autoIdType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('file_count', 'bigint', (c) => c.notNull())
        .addColumn('dir_count', 'bigint', (c) => c.notNull())
        .addColumn('removed_at', 'bigint', (c) => c.notNull())
        .addColumn('removed_by', 'text', (c) => c.notNull())
        .addColumn('retention_days', 'integer', (c) => c.notNull())
        // null = kept until someone purges it (retention 0)
        .addColumn('expires_at', 'bigint')
        // 1 once R7/R8 took it: hidden at once, its rows and bytes go in the background
        .addColumn('purging', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('recycled_items_space')
        .on('recycled_items')
        .columns(['library_id', 'space_id', 'removed_at', 'id'])
        .execute();
      await db.schema.createIndex('recycled_items_expiry').on('recycled_items').columns(['expires_at']).execute();
      await db.schema.createIndex('recycled_items_purging').on('recycled_items').columns(['purging', 'id']).execute();
      // R9's per-space retention override and when it last changed (once per 10 minutes).
      await db.schema
        .createTable('recycle_bin_settings')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('retention_days', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('recycle_bin_settings_pk', ['library_id', 'space_id'])
        .execute();
    },
  };
}
