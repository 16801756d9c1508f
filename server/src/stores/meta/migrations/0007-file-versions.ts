import type { Kysely, Migration } from 'kysely';
import { autoIdType, type Dialect } from './dialect.js';

/**
 * Historical versions (files.md §9). One row per kept version of a file: the content it had
 * (blob key, size, checksums, type) and when it was created and archived. A version holds one
 * reference on its blob, exactly like an entry does, so archiving moves a reference from the
 * entry to the version and copies no byte; anything that counts blob references (an orphan
 * sweep) must count these rows too.
 *
 * Rows follow the file by `entry_id`: entries keep their id across overwrite, move and the
 * recycle bin, so versions move and come back with the file for free. A version is visible only
 * while its entry is live in `space_id`; one whose entry is gone for good is an orphan that
 * jobs/expire-versions.ts removes. `space_id` is the live space whose size counts the version's
 * bytes (files never change space).
 */
export function fileVersions(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('file_versions')
        .addColumn('id', autoIdType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('crc64', 'text', (c) => c.notNull())
        .addColumn('etag', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        // SMH creationWay: 0 first upload, 1 overwrite
        .addColumn('creation_way', 'integer', (c) => c.notNull())
        // when this content was uploaded / last became the current content / became history
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('set_latest_at', 'bigint', (c) => c.notNull())
        .addColumn('archived_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('file_versions_entry').on('file_versions').columns(['entry_id', 'id']).execute();
      await db.schema.createIndex('file_versions_library').on('file_versions').columns(['library_id', 'archived_at']).execute();
    },
  };
}
