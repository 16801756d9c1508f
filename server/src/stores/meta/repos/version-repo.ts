import { type Kysely, type Selectable, sql } from 'kysely';
import type { EntryType } from '../meta-store.js';
import type { Database, FileVersionsTable } from '../schema.js';
import type { FileVersion, VersionOrder, VersionRepo } from '../version-store.js';

/** Keeps IN lists well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

const ORDER_COLUMN = { id: 'id', creationTime: 'created_at', size: 'size' } as const satisfies Record<VersionOrder, keyof FileVersionsTable>;

function toVersion(row: Selectable<FileVersionsTable>): FileVersion {
  return {
    id: Number(row.id),
    libraryId: row.library_id,
    spaceId: row.space_id,
    entryId: row.entry_id,
    version: Number(row.version),
    name: row.name,
    type: row.type as EntryType,
    blobKey: row.blob_key,
    size: Number(row.size),
    contentType: row.content_type,
    crc64: row.crc64,
    etag: row.etag,
    createdBy: row.created_by,
    creationWay: Number(row.creation_way),
    createdAt: Number(row.created_at),
    setLatestAt: Number(row.set_latest_at),
    archivedAt: Number(row.archived_at),
  };
}

export function versionRepo(db: Kysely<Database>): VersionRepo {
  const ofEntry = (entryId: string) => db.selectFrom('file_versions').selectAll().where('entry_id', '=', entryId);

  return {
    async insert(version) {
      const row = await db
        .insertInto('file_versions')
        .values({
          library_id: version.libraryId,
          space_id: version.spaceId,
          entry_id: version.entryId,
          version: version.version,
          name: version.name,
          type: version.type,
          blob_key: version.blobKey,
          size: version.size,
          content_type: version.contentType,
          crc64: version.crc64,
          etag: version.etag,
          created_by: version.createdBy,
          creation_way: version.creationWay,
          created_at: version.createdAt,
          set_latest_at: version.setLatestAt,
          archived_at: version.archivedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async getMany(ids) {
      const out: FileVersion[] = [];
      for (let start = 0; start < ids.length; start += CHUNK) {
        const rows = await db.selectFrom('file_versions').selectAll().where('id', 'in', ids.slice(start, start + CHUNK)).execute();
        out.push(...rows.map(toVersion));
      }
      return out;
    },
    async newest(entryId) {
      const row = await ofEntry(entryId).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row ? toVersion(row) : null;
    },
    async list(entryId, options) {
      const column = ORDER_COLUMN[options.orderBy];
      const direction = options.descending ? 'desc' : 'asc';
      let query = ofEntry(entryId);
      if (options.after) {
        const { key, id } = options.after;
        const beyond = options.descending ? '<' : '>';
        query = query.where((eb) => eb.or([eb(column, beyond, key), eb.and([eb(column, '=', key), eb('id', beyond, id)])]));
      }
      const rows = await query.orderBy(column, direction).orderBy('id', direction).offset(options.offset).limit(options.limit).execute();
      return rows.map(toVersion);
    },
    async count(entryId) {
      const row = await db
        .selectFrom('file_versions')
        .where('entry_id', '=', entryId)
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('size').as('bytes')])
        .executeTakeFirstOrThrow();
      return { versions: Number(row.n), bytes: Number(row.bytes ?? 0) };
    },
    async countInSpace(libraryId, spaceId) {
      const row = await db
        .selectFrom('file_versions')
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listBeyond(entryId, keep) {
      // Offset past the newest `keep`; both dialects need a limit with an offset.
      const rows = await ofEntry(entryId).orderBy('id', 'desc').offset(keep).limit(Number.MAX_SAFE_INTEGER).execute();
      return rows.map(toVersion);
    },
    async listOfEntries(entryIds) {
      const out: FileVersion[] = [];
      for (let start = 0; start < entryIds.length; start += CHUNK) {
        const rows = await db.selectFrom('file_versions').selectAll().where('entry_id', 'in', entryIds.slice(start, start + CHUNK)).execute();
        out.push(...rows.map(toVersion));
      }
      return out;
    },
    async delete(ids) {
      const out: number[] = [];
      for (let start = 0; start < ids.length; start += CHUNK) {
        const rows = await db.deleteFrom('file_versions').where('id', 'in', ids.slice(start, start + CHUNK)).returning('id').execute();
        out.push(...rows.map((row) => Number(row.id)));
      }
      return out;
    },
    async listArchivedBefore(libraryId, before, limit) {
      const rows = await db
        .selectFrom('file_versions')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('archived_at', '<', before)
        .orderBy('archived_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toVersion);
    },
    async listOrphans(limit) {
      const rows = await db
        .selectFrom('file_versions')
        .selectAll()
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('entries').select(sql`1`.as('one')).whereRef('entries.id', '=', 'file_versions.entry_id'))))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toVersion);
    },
  };
}
