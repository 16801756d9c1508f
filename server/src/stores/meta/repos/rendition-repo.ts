import type { Kysely, Selectable } from 'kysely';
import type { Rendition, RenditionRepo } from '../rendition-store.js';
import type { Database, RenditionsTable } from '../schema.js';

function toRendition(row: Selectable<RenditionsTable>): Rendition {
  return {
    sourceKey: row.source_key,
    params: row.params,
    blobKey: row.blob_key,
    contentType: row.content_type,
    size: Number(row.size),
    width: Number(row.width),
    height: Number(row.height),
    createdAt: Number(row.created_at),
  };
}

export function renditionRepo(db: Kysely<Database>): RenditionRepo {
  const get = async (sourceKey: string, params: string) => {
    const row = await db.selectFrom('renditions').selectAll().where('source_key', '=', sourceKey).where('params', '=', params).executeTakeFirst();
    return row ? toRendition(row) : null;
  };
  const sourceExists = async (key: string) =>
    (await db.selectFrom('blobs').select('key').where('key', '=', key).where('ref_count', '>', 0).executeTakeFirst()) !== undefined;
  return {
    get,
    async insertIfAbsent(r) {
      if (!(await sourceExists(r.sourceKey))) {
        return null;
      }
      await db
        .insertInto('renditions')
        .values({
          source_key: r.sourceKey,
          params: r.params,
          blob_key: r.blobKey,
          content_type: r.contentType,
          size: r.size,
          width: r.width,
          height: r.height,
          created_at: r.createdAt,
        })
        .onConflict((oc) => oc.columns(['source_key', 'params']).doNothing())
        .execute();
      return get(r.sourceKey, r.params);
    },
    async deleteBySource(sourceKey) {
      const rows = await db.deleteFrom('renditions').where('source_key', '=', sourceKey).returning('blob_key').execute();
      await db.deleteFrom('media_info').where('blob_key', '=', sourceKey).execute();
      return rows.map((row) => row.blob_key).filter((key) => key !== '');
    },
    async isRendition(blobKey) {
      return (await db.selectFrom('renditions').select('blob_key').where('blob_key', '=', blobKey).limit(1).executeTakeFirst()) !== undefined;
    },
    async getInfo(blobKey) {
      const row = await db.selectFrom('media_info').selectAll().where('blob_key', '=', blobKey).executeTakeFirst();
      return row ? { blobKey: row.blob_key, info: row.info, createdAt: Number(row.created_at) } : null;
    },
    async putInfo(info) {
      if (!(await sourceExists(info.blobKey))) {
        return;
      }
      await db
        .insertInto('media_info')
        .values({ blob_key: info.blobKey, info: info.info, created_at: info.createdAt })
        .onConflict((oc) => oc.column('blob_key').doNothing())
        .execute();
    },
  };
}
