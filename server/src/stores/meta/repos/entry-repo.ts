import { type ExpressionBuilder, type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Entry, EntryRepo, EntryType, ListChildrenOptions, OrderBy } from '../meta-store.js';
import type { Database, EntriesTable } from '../schema.js';
import { listChildren } from './list-children.js';
import { moveTreeToSpace } from './entry-adopt.js';
import { listSpaceContents } from './space-contents.js';

export function toEntry(row: Selectable<EntriesTable>): Entry {
  return {
    id: row.id,
    libraryId: row.library_id,
    spaceId: row.space_id,
    path: row.path,
    parent: row.parent,
    name: row.name,
    type: row.type as EntryType,
    blobKey: row.blob_key,
    size: Number(row.size),
    contentType: row.content_type,
    crc64: row.crc64,
    etag: row.etag,
    meta: JSON.parse(row.meta),
    labels: JSON.parse(row.labels),
    category: row.category,
    localCreationTime: row.local_creation_time,
    localModificationTime: row.local_modification_time,
    userId: row.user_id,
    versionId: Number(row.version_id),
    revision: Number(row.revision),
    createdAt: Number(row.created_at),
    modifiedAt: Number(row.modified_at),
    linkTargetId: row.link_target_id,
    linkTargetPath: row.link_target_path,
  };
}

export const ORDER_COLUMNS = {
  name: 'name',
  modificationTime: 'modified_at',
  size: 'size',
  creationTime: 'created_at',
  localCreationTime: 'local_creation_time',
  localModificationTime: 'local_modification_time',
} as const satisfies Record<OrderBy, keyof EntriesTable>;

/**
 * Matches `path` and everything below it. The range `path/` < p < `path0` ('0' follows '/')
 * selects descendants with an index scan on both dialects (byte-wise collation).
 */
export function inTree(path: string) {
  return (eb: ExpressionBuilder<Database, 'entries'>) =>
    eb.or([eb('path', '=', path), eb.and([eb('path', '>', `${path}/`), eb('path', '<', `${path}0`)])]);
}

const COLUMN_OF = {
  path: 'path',
  parent: 'parent',
  name: 'name',
  type: 'type',
  blobKey: 'blob_key',
  size: 'size',
  contentType: 'content_type',
  crc64: 'crc64',
  etag: 'etag',
  meta: 'meta',
  labels: 'labels',
  category: 'category',
  localCreationTime: 'local_creation_time',
  localModificationTime: 'local_modification_time',
  userId: 'user_id',
  versionId: 'version_id',
  revision: 'revision',
  createdAt: 'created_at',
  modifiedAt: 'modified_at',
  linkTargetId: 'link_target_id',
  linkTargetPath: 'link_target_path',
} as const satisfies Record<Exclude<keyof Entry, 'id' | 'libraryId' | 'spaceId'>, keyof EntriesTable>;

type EntryQuery = SelectQueryBuilder<Database, 'entries', object>;

async function countByKind(query: EntryQuery): Promise<{ files: number; dirs: number }> {
  const rows = await query
    .select((eb) => [eb.case().when('type', '=', 'dir').then(1).else(0).end().as('is_dir'), eb.fn.countAll<number>().as('n')])
    .groupBy('is_dir')
    .execute();
  let files = 0;
  let dirs = 0;
  for (const row of rows) {
    if (Number(row.is_dir) === 1) {
      dirs = Number(row.n);
    } else {
      files = Number(row.n);
    }
  }
  return { files, dirs };
}

const columnsOf = (entry: Entry) => ({
  id: entry.id,
  library_id: entry.libraryId,
  space_id: entry.spaceId,
  path: entry.path,
  parent: entry.parent,
  name: entry.name,
  type: entry.type,
  blob_key: entry.blobKey,
  size: entry.size,
  content_type: entry.contentType,
  crc64: entry.crc64,
  etag: entry.etag,
  meta: JSON.stringify(entry.meta),
  labels: JSON.stringify(entry.labels),
  category: entry.category,
  local_creation_time: entry.localCreationTime,
  local_modification_time: entry.localModificationTime,
  user_id: entry.userId,
  version_id: entry.versionId,
  revision: entry.revision,
  created_at: entry.createdAt,
  modified_at: entry.modifiedAt,
  link_target_id: entry.linkTargetId ?? null,
  link_target_path: entry.linkTargetPath ?? null,
});

export function entryRepo(db: Kysely<Database>): EntryRepo {
  const inSpace = (libraryId: string, spaceId: string) =>
    db.selectFrom('entries').where('library_id', '=', libraryId).where('space_id', '=', spaceId);

  return {
    async insert(entry) {
      await db.insertInto('entries').values(columnsOf(entry)).execute();
    },
    async get(libraryId, spaceId, path) {
      const row = await inSpace(libraryId, spaceId).selectAll().where('path', '=', path).executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async getById(id) {
      const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async update(id, patch) {
      const set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) {
          continue;
        }
        const column = COLUMN_OF[key as keyof typeof COLUMN_OF];
        set[column] = key === 'meta' || key === 'labels' ? JSON.stringify(value) : value;
      }
      if (Object.keys(set).length > 0) {
        await db.updateTable('entries').set(set).where('id', '=', id).execute();
      }
    },
    async listChildren(libraryId, spaceId, parent, options: ListChildrenOptions) {
      return listChildren(db, libraryId, spaceId, parent, options);
    },
    async countChildren(libraryId, spaceId, parent) {
      // Grouped on dir_first, the count reads only the listing index of migration 0013 (the root,
      // whose parent is '' too, is left out by its empty name, which the index holds).
      const rows = await inSpace(libraryId, spaceId)
        .where('parent', '=', parent)
        .where('name', '<>', '')
        .select((eb) => ['dir_first', eb.fn.countAll<number>().as('n')])
        .groupBy('dir_first')
        .execute();
      const count = (group: number) => Number(rows.find((row) => Number(row.dir_first) === group)?.n ?? 0);
      return { files: count(1), dirs: count(0) };
    },
    async namesWithPrefix(libraryId, spaceId, parent, prefix) {
      const rows = await inSpace(libraryId, spaceId)
        .select('name')
        .where('parent', '=', parent)
        .where('name', '>=', prefix)
        .where('name', '<', `${prefix}\uffff`)
        .where('path', '<>', '')
        .execute();
      return rows.map((row) => row.name);
    },
    async listTree(libraryId, spaceId, path) {
      const rows = await inSpace(libraryId, spaceId).selectAll().where(inTree(path)).orderBy('path').execute();
      return rows.map(toEntry);
    },
    async countTree(libraryId, spaceId, path) {
      const row = await inSpace(libraryId, spaceId)
        .where(inTree(path))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async moveTree(libraryId, spaceId, fromPath, toPath, now) {
      // SQL substr counts characters (code points) on SQLite and PostgreSQL; JS .length counts
      // UTF-16 units, which would cut astral-plane names (emoji) one unit too far.
      const cut = [...fromPath].length + 1;
      const slash = toPath.lastIndexOf('/');
      const toParent = slash < 0 ? '' : toPath.slice(0, slash);
      const toName = toPath.slice(slash + 1);
      await db
        .updateTable('entries')
        .set({
          path: sql`${toPath} || substr(path, ${cut})`,
          parent: sql`case when path = ${fromPath} then ${toParent} else ${toPath} || substr(parent, ${cut}) end`,
          name: sql`case when path = ${fromPath} then ${toName} else name end`,
          modified_at: sql`case when path = ${fromPath} then ${now} else modified_at end`,
        })
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where(inTree(fromPath))
        .execute();
    },
    async deleteTree(libraryId, spaceId, path) {
      await db
        .deleteFrom('entries')
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where(inTree(path))
        .execute();
    },
    async deleteSpace(libraryId, spaceId) {
      await db.deleteFrom('entries').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
    },
    async touch(libraryId, spaceId, path, now) {
      await db
        .updateTable('entries')
        .set((eb) => ({ revision: eb('revision', '+', 1), modified_at: now }))
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where('path', '=', path)
        .execute();
    },
    async lockRow(libraryId, spaceId, path, options) {
      const touchAt = options?.touchAt;
      const result = await db
        .updateTable('entries')
        .set((eb) => (touchAt === undefined ? { revision: eb.ref('revision') } : { revision: eb('revision', '+', 1), modified_at: touchAt }))
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where('path', '=', path)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async countSpace(libraryId, spaceId) {
      return countByKind(inSpace(libraryId, spaceId).where('path', '<>', ''));
    },
    async moveTreeToSpace(libraryId, from, to, now) {
      await moveTreeToSpace(db, libraryId, from, to, now);
    },
    async listSpace(libraryId, spaceId, options) {
      return listSpaceContents(db, libraryId, spaceId, options);
    },
    async blobRefsInSpace(libraryId, spaceId) {
      const rows = await inSpace(libraryId, spaceId)
        .select((eb) => ['blob_key', eb.fn.countAll<number>().as('n')])
        .where('blob_key', 'is not', null)
        .groupBy('blob_key')
        .execute();
      return rows.map((row) => ({ blobKey: row.blob_key as string, count: Number(row.n) }));
    },
  };
}
