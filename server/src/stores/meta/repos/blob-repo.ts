import type { Kysely, Selectable } from 'kysely';
import type { Blob, BlobRepo } from '../meta-store.js';
import type { BlobsTable, Database } from '../schema.js';

function toBlob(row: Selectable<BlobsTable>): Blob {
  return {
    key: row.key,
    size: Number(row.size),
    md5: row.md5,
    crc64: row.crc64,
    beginningHash: row.beginning_hash,
    fullHash: row.full_hash,
    refCount: Number(row.ref_count),
    createdAt: Number(row.created_at),
  };
}

export function blobRepo(db: Kysely<Database>): BlobRepo {
  return {
    async insert(blob) {
      await db
        .insertInto('blobs')
        .values({
          key: blob.key,
          size: blob.size,
          md5: blob.md5,
          crc64: blob.crc64,
          beginning_hash: blob.beginningHash,
          full_hash: blob.fullHash,
          ref_count: blob.refCount,
          created_at: blob.createdAt,
        })
        .execute();
    },
    async get(key) {
      const row = await db.selectFrom('blobs').selectAll().where('key', '=', key).executeTakeFirst();
      return row ? toBlob(row) : null;
    },
    async addRef(key, delta) {
      const row = await db
        .updateTable('blobs')
        .set((eb) => ({ ref_count: eb('ref_count', '+', delta) }))
        .where('key', '=', key)
        .returning('ref_count')
        .executeTakeFirst();
      return row ? Number(row.ref_count) : 0;
    },
    async delete(key) {
      await db.deleteFrom('blobs').where('key', '=', key).execute();
    },
    async isReferenced(key) {
      const blob = await db.selectFrom('blobs').select('key').where('key', '=', key).executeTakeFirst();
      if (blob) {
        return true;
      }
      const upload = await db.selectFrom('uploads').select('confirm_key').where('blob_key', '=', key).limit(1).executeTakeFirst();
      return upload !== undefined;
    },
    async findByBeginningHash(beginningHash, size) {
      const rows = await db
        .selectFrom('blobs')
        .selectAll()
        .where('beginning_hash', '=', beginningHash)
        .where('size', '=', size)
        .where('ref_count', '>', 0)
        .limit(20)
        .execute();
      return rows.map(toBlob);
    },
    async findLinked(query) {
      let select = db
        .selectFrom('blobs')
        .innerJoin('entries', 'entries.blob_key', 'blobs.key')
        .selectAll('blobs')
        .select('entries.etag')
        .where('blobs.beginning_hash', '=', query.beginningHash)
        .where('blobs.size', '=', query.size)
        .where('blobs.ref_count', '>', 0)
        .where('entries.library_id', '=', query.libraryId)
        .where('entries.type', '<>', 'dir');
      if (query.fullHash !== null) {
        select = select.where('blobs.full_hash', '=', query.fullHash);
      }
      // Recycle-bin rows live in "<space>/bin/<id>" namespaces; live space ids never hold a '/'.
      if (query.spaceIds === null) {
        select = select.where('entries.space_id', 'not like', '%/%');
      } else if (query.spaceIds.length > 0) {
        select = select.where('entries.space_id', 'in', query.spaceIds);
      } else {
        return null;
      }
      const row = await select.limit(1).executeTakeFirst();
      return row ? { blob: toBlob(row), etag: row.etag } : null;
    },
  };
}
