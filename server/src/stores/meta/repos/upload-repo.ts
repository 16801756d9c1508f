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
    claim: row.claim,
    reserved: Number(row.reserved),
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
    slot: row.slot === null ? Number(row.part_number) : Number(row.slot),
  };
}

function changed(result: { numUpdatedRows: bigint }): boolean {
  return Number(result.numUpdatedRows) > 0;
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
          claim: upload.claim,
          reserved: upload.reserved,
        })
        .execute();
    },
    async get(confirmKey) {
      const row = await db.selectFrom('uploads').selectAll().where('confirm_key', '=', confirmKey).executeTakeFirst();
      return row ? toUpload(row) : null;
    },
    async extend(confirmKey, expiresAt) {
      const result = await db
        .updateTable('uploads')
        .set({ expires_at: expiresAt })
        .where('confirm_key', '=', confirmKey)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return changed(result);
    },
    async setBytes(confirmKey, previous, blobKey, digest) {
      const result = await db
        .updateTable('uploads')
        .set({ blob_key: blobKey, digest: JSON.stringify(digest) })
        .where('confirm_key', '=', confirmKey)
        .where('status', '=', 'pending')
        .where('blob_key', previous === null ? 'is' : '=', previous)
        .executeTakeFirst();
      return changed(result);
    },
    async claim(confirmKey, claim, now, leaseUntil) {
      const result = await db
        .updateTable('uploads')
        .set({ status: 'confirming', claim, expires_at: leaseUntil })
        .where('confirm_key', '=', confirmKey)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('expires_at', '>=', now)]),
            eb.and([eb('status', '=', 'confirming'), eb('expires_at', '<', now)]),
          ]),
        )
        .executeTakeFirst();
      return changed(result);
    },
    async renewClaim(confirmKey, claim, leaseUntil) {
      const result = await db
        .updateTable('uploads')
        .set({ expires_at: leaseUntil })
        .where('confirm_key', '=', confirmKey)
        .where('status', '=', 'confirming')
        .where('claim', '=', claim)
        .executeTakeFirst();
      return changed(result);
    },
    async release(confirmKey, claim, patch) {
      const set: Updateable<UploadsTable> = { status: 'pending', claim: null, expires_at: patch.expiresAt };
      if (patch.blobKey !== undefined && patch.digest !== undefined) {
        set.blob_key = patch.blobKey;
        set.digest = JSON.stringify(patch.digest);
      }
      const result = await db
        .updateTable('uploads')
        .set(set)
        .where('confirm_key', '=', confirmKey)
        .where('status', '=', 'confirming')
        .where('claim', '=', claim)
        .executeTakeFirst();
      return changed(result);
    },
    async markConfirmed(confirmKey, claim, attributes, keepUntil) {
      const result = await db
        .updateTable('uploads')
        .set({ status: 'confirmed', attributes: JSON.stringify(attributes), expires_at: keepUntil, reserved: 0 })
        .where('confirm_key', '=', confirmKey)
        .where('status', '=', 'confirming')
        .where('claim', '=', claim)
        .executeTakeFirst();
      return changed(result);
    },
    async finish(confirmKey, to, now, keepUntil) {
      let update = db
        .updateTable('uploads')
        .set({ status: to, claim: null, expires_at: keepUntil })
        .where('confirm_key', '=', confirmKey);
      update =
        to === 'cancelled'
          ? update.where('status', '=', 'pending')
          : update.where('status', 'in', ['pending', 'confirming']).where('expires_at', '<', now);
      return changed(await update.executeTakeFirst());
    },
    async setReserved(confirmKey, bytes) {
      await db.updateTable('uploads').set({ reserved: bytes }).where('confirm_key', '=', confirmKey).execute();
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
        slot: part.slot,
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
            slot: values.slot,
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
        .where('status', 'in', ['pending', 'confirming'])
        .where('expires_at', '<', before)
        .orderBy('expires_at')
        .limit(limit)
        .execute();
      return rows.map(toUpload);
    },
    async deleteFinishedBefore(before) {
      const result = await db
        .deleteFrom('uploads')
        .where('status', 'in', ['confirmed', 'cancelled', 'expired'])
        .where('expires_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
