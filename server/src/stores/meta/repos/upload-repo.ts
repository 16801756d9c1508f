import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Upload, UploadKind, UploadPart, UploadRepo, UploadStatus } from '../meta-store.js';
import type { Database, UploadPartsTable, UploadsTable } from '../schema.js';

function toUpload(row: Selectable<UploadsTable>): Upload {
  return {
    confirmKey: row.confirm_key,
    libraryId: row.library_id,
    spaceId: row.space_id,
    path: row.path,
    kind: row.kind as UploadKind,
    strategy: row.strategy,
    userId: row.user_id,
    attributes: JSON.parse(row.attributes),
    status: row.status as UploadStatus,
    blobKey: row.blob_key,
    digest: row.digest === null ? null : JSON.parse(row.digest),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

function toPart(row: Selectable<UploadPartsTable>): UploadPart {
  return {
    confirmKey: row.confirm_key,
    partNumber: Number(row.part_number),
    size: Number(row.size),
    etag: row.etag,
    crc64: row.crc64,
    createdAt: Number(row.created_at),
  };
}

export function uploadRepo(db: Kysely<Database>): UploadRepo {
  return {
    async insert(upload) {
      await db
        .insertInto('uploads')
        .values({
          confirm_key: upload.confirmKey,
          library_id: upload.libraryId,
          space_id: upload.spaceId,
          path: upload.path,
          kind: upload.kind,
          strategy: upload.strategy,
          user_id: upload.userId,
          attributes: JSON.stringify(upload.attributes),
          status: upload.status,
          blob_key: upload.blobKey,
          digest: upload.digest === null ? null : JSON.stringify(upload.digest),
          created_at: upload.createdAt,
          expires_at: upload.expiresAt,
        })
        .execute();
    },
    async get(confirmKey) {
      const row = await db.selectFrom('uploads').selectAll().where('confirm_key', '=', confirmKey).executeTakeFirst();
      return row ? toUpload(row) : null;
    },
    async update(confirmKey, patch) {
      const set: Updateable<UploadsTable> = {};
      if (patch.status !== undefined) {
        set.status = patch.status;
      }
      if (patch.blobKey !== undefined) {
        set.blob_key = patch.blobKey;
      }
      if (patch.digest !== undefined) {
        set.digest = patch.digest === null ? null : JSON.stringify(patch.digest);
      }
      if (patch.expiresAt !== undefined) {
        set.expires_at = patch.expiresAt;
      }
      if (patch.attributes !== undefined) {
        set.attributes = JSON.stringify(patch.attributes);
      }
      if (patch.strategy !== undefined) {
        set.strategy = patch.strategy;
      }
      await db.updateTable('uploads').set(set).where('confirm_key', '=', confirmKey).execute();
    },
    async markConfirmed(confirmKey, attributes, keepUntil) {
      const result = await db
        .updateTable('uploads')
        .set({ status: 'confirmed', attributes: JSON.stringify(attributes), expires_at: keepUntil })
        .where('confirm_key', '=', confirmKey)
        .where('status', '=', 'uploaded')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(confirmKey) {
      await db.deleteFrom('uploads').where('confirm_key', '=', confirmKey).execute();
    },
    async upsertPart(part) {
      const values = {
        confirm_key: part.confirmKey,
        part_number: part.partNumber,
        size: part.size,
        etag: part.etag,
        crc64: part.crc64,
        created_at: part.createdAt,
      };
      await db
        .insertInto('upload_parts')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['confirm_key', 'part_number']).doUpdateSet({
            size: values.size,
            etag: values.etag,
            crc64: values.crc64,
            created_at: values.created_at,
          }),
        )
        .execute();
    },
    async listParts(confirmKey) {
      const rows = await db
        .selectFrom('upload_parts')
        .selectAll()
        .where('confirm_key', '=', confirmKey)
        .orderBy('part_number')
        .execute();
      return rows.map(toPart);
    },
    async deleteParts(confirmKey) {
      await db.deleteFrom('upload_parts').where('confirm_key', '=', confirmKey).execute();
    },
    async listExpired(before, limit) {
      const rows = await db
        .selectFrom('uploads')
        .selectAll()
        .where('status', '<>', 'confirmed')
        .where('expires_at', '<', before)
        .orderBy('expires_at')
        .limit(limit)
        .execute();
      return rows.map(toUpload);
    },
    async deleteConfirmedBefore(before) {
      const result = await db
        .deleteFrom('uploads')
        .where('status', '=', 'confirmed')
        .where('expires_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
