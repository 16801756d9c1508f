import type { Kysely, Migration } from 'kysely';

/**
 * Renditions (thumbnails, covers, previews) and media info, both owned by a content blob
 * (rendition-store.ts). The primary key is the uniqueness rule that keeps two nodes rendering
 * the same thumbnail from both keeping one.
 */
export function renditions(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('renditions')
        .addColumn('source_key', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('renditions_pk', ['source_key', 'params'])
        .execute();
      await db.schema.createIndex('renditions_blob').on('renditions').column('blob_key').execute();
      await db.schema
        .createTable('media_info')
        .addColumn('blob_key', 'text', (c) => c.primaryKey())
        .addColumn('info', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
