import type { Kysely, Migration } from 'kysely';
import { autoIdType, type Dialect } from './dialect.js';

/**
 * Share links (dirs.md §11.1). A share names its items by entry id (inode), so renames and moves
 * keep them shared; `revision` changes on every update, which voids share access tokens issued
 * before. Usage counters live on the row and are bumped by one conditional UPDATE each, so
 * parallel downloads never pass a limit. `share_visitors` holds the distinct users counted
 * against `user_limit`.
 */
export function shares(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('shares')
        .addColumn('id', autoIdType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('creator_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('entry_ids', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('owner_enabled', 'integer', (c) => c.notNull())
        .addColumn('admin_enabled', 'integer', (c) => c.notNull())
        .addColumn('preview_limit', 'integer', (c) => c.notNull())
        .addColumn('preview_used', 'integer', (c) => c.notNull())
        .addColumn('download_limit', 'integer', (c) => c.notNull())
        .addColumn('download_used', 'integer', (c) => c.notNull())
        .addColumn('user_limit', 'integer', (c) => c.notNull())
        .addColumn('user_used', 'integer', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shares_library').on('shares').columns(['library_id', 'creator_id', 'created_at']).execute();
      await db.schema
        .createTable('share_visitors')
        .addColumn('share_id', 'bigint', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('share_visitors_pk', ['share_id', 'user_id'])
        .execute();
    },
  };
}
