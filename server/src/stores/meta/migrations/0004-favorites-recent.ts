import type { Kysely, Migration } from 'kysely';
import { autoIdType, type Dialect } from './dialect.js';

/**
 * Per-user favorites (dirs.md §10) and recently used files (files.md §7.8). Both point at entry
 * ids, so they follow renames and moves; rows of deleted entries are skipped by the list joins.
 * Each list is read newest first through its (owner, time) index and paged by keyset.
 */
export function favoritesAndRecent(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('favorites')
        .addColumn('id', autoIdType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('favorites_entry')
        .unique()
        .on('favorites')
        .columns(['library_id', 'space_id', 'user_id', 'entry_id'])
        .execute();
      await db.schema
        .createIndex('favorites_time')
        .on('favorites')
        .columns(['library_id', 'space_id', 'user_id', 'created_at', 'id'])
        .execute();
      await db.schema
        .createTable('recent_files')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('operated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('recent_files_pk', ['library_id', 'space_id', 'user_id', 'entry_id', 'action'])
        .execute();
      await db.schema
        .createIndex('recent_files_time')
        .on('recent_files')
        .columns(['library_id', 'space_id', 'user_id', 'operated_at', 'entry_id', 'action'])
        .execute();
    },
  };
}
