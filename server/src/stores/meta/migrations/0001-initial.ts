import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './dialect.js';

/**
 * The base schema. Paths compare byte-wise (COLLATE "C" on PostgreSQL), which makes the
 * `path > 'a/' AND path < 'a0'` subtree range scans correct on both dialects.
 */
function pathColumn(dialect: Dialect) {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
}

export function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('libraries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('remark', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('spaces')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('extension', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('spaces_pk', ['library_id', 'space_id'])
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_ids', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('grants', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tokens_user').on('tokens').columns(['library_id', 'user_id']).execute();
      await db.schema
        .createTable('blobs')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('md5', 'text', (c) => c.notNull())
        .addColumn('crc64', 'text', (c) => c.notNull())
        .addColumn('beginning_hash', 'text')
        .addColumn('full_hash', 'text')
        .addColumn('ref_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blobs_beginning').on('blobs').columns(['beginning_hash', 'size']).execute();
      await db.schema
        .createTable('entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('path', pathColumn(dialect), (c) => c.notNull())
        .addColumn('parent', pathColumn(dialect), (c) => c.notNull())
        .addColumn('name', pathColumn(dialect), (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text')
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('crc64', 'text', (c) => c.notNull())
        .addColumn('etag', 'text', (c) => c.notNull())
        .addColumn('meta', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('local_creation_time', 'text', (c) => c.notNull())
        .addColumn('local_modification_time', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('version_id', 'integer', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('modified_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('entries_path')
        .unique()
        .on('entries')
        .columns(['library_id', 'space_id', 'path'])
        .execute();
      await db.schema
        .createIndex('entries_parent')
        .on('entries')
        .columns(['library_id', 'space_id', 'parent', 'name'])
        .execute();
      await db.schema.createIndex('entries_blob').on('entries').column('blob_key').execute();
      await db.schema
        .createTable('uploads')
        .addColumn('confirm_key', 'text', (c) => c.primaryKey())
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('strategy', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text')
        .addColumn('digest', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('uploads_expiry').on('uploads').column('expires_at').execute();
      await db.schema
        .createTable('upload_parts')
        .addColumn('confirm_key', 'text', (c) => c.notNull())
        .addColumn('part_number', 'integer', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('etag', 'text', (c) => c.notNull())
        .addColumn('crc64', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('upload_parts_pk', ['confirm_key', 'part_number'])
        .execute();
    },
  };
}

