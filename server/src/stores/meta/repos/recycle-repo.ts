import { type Kysely, sql } from 'kysely';
import { DAY_MS, type RecycledItem, type RecycleRepo, type TreeStats } from '../recycle-store.js';
import type { Database } from '../schema.js';
import { inTree, toEntry } from './entry-repo.js';
import { listRecycled, toRecycledItem } from './recycle-list.js';

/**
 * The bin namespace of one item. Space ids never contain '/', so no live space can be named
 * like this, and each item gets its own (library, space, path) uniqueness: a deleted "a.txt"
 * neither blocks a new "a.txt" nor clashes with a second deleted one.
 */
function binSpace(spaceId: string, itemId: number): string {
  return `${spaceId}/bin/${itemId}`;
}

/** Keeps IN lists well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    out.push(items.slice(start, start + CHUNK));
  }
  return out;
}

function expiresAt(removedAt: number, retentionDays: number): number | null {
  return retentionDays > 0 ? removedAt + retentionDays * DAY_MS : null;
}

export function recycleRepo(db: Kysely<Database>): RecycleRepo {
  const items = (libraryId: string, spaceId: string) =>
    db.selectFrom('recycled_items').where('library_id', '=', libraryId).where('space_id', '=', spaceId);

  const blobRefs = async (libraryId: string, namespaces: readonly string[]) => {
    const rows = await db
      .selectFrom('entries')
      .select((eb) => ['blob_key', eb.fn.countAll<number>().as('n')])
      .where('library_id', '=', libraryId)
      .where('space_id', 'in', namespaces)
      .where('blob_key', 'is not', null)
      .groupBy('blob_key')
      .execute();
    return rows.map((row) => ({ blobKey: row.blob_key as string, count: Number(row.n) }));
  };

  const namespacesOf = async (libraryId: string, spaceId: string) => {
    const rows = await items(libraryId, spaceId).select('id').execute();
    return rows.map((row) => binSpace(spaceId, Number(row.id)));
  };

  /** Files, directories and file bytes of one bin namespace, in one aggregate query. */
  const statsOf = async (libraryId: string, namespace: string): Promise<TreeStats> => {
    const isDir = sql<boolean>`type = 'dir'`;
    const row = await db
      .selectFrom('entries')
      .where('library_id', '=', libraryId)
      .where('space_id', '=', namespace)
      .select([
        sql<string>`sum(case when ${isDir} then 1 else 0 end)`.as('dirs'),
        sql<string>`sum(case when ${isDir} then 0 else 1 end)`.as('files'),
        sql<string>`sum(case when ${isDir} then 0 else size end)`.as('bytes'),
      ])
      .executeTakeFirstOrThrow();
    return { files: Number(row.files ?? 0), dirs: Number(row.dirs ?? 0), bytes: Number(row.bytes ?? 0) };
  };

  return {
    async recycle(item) {
      const row = await db
        .insertInto('recycled_items')
        .values({
          library_id: item.libraryId,
          space_id: item.spaceId,
          entry_id: item.entryId,
          path: item.path,
          type: item.type,
          size: 0,
          file_count: 0,
          dir_count: 0,
          removed_at: item.removedAt,
          removed_by: item.removedBy,
          retention_days: item.retentionDays,
          expires_at: expiresAt(item.removedAt, item.retentionDays),
          purging: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      const namespace = binSpace(item.spaceId, id);
      // The whole subtree in one statement: the rows keep ids, paths and blob keys.
      const moved = await db
        .updateTable('entries')
        .set({ space_id: namespace })
        .where('library_id', '=', item.libraryId)
        .where('space_id', '=', item.spaceId)
        .where(inTree(item.path))
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) {
        return null;
      }
      const stats = await statsOf(item.libraryId, namespace);
      await db
        .updateTable('recycled_items')
        .set({ size: stats.bytes, file_count: stats.files, dir_count: stats.dirs })
        .where('id', '=', id)
        .execute();
      return { id, stats };
    },
    async get(libraryId, spaceId, id) {
      const row = await items(libraryId, spaceId).selectAll().where('id', '=', id).where('purging', '=', 0).executeTakeFirst();
      return row ? toRecycledItem(row) : null;
    },
    async rootEntry(item) {
      const row = await db
        .selectFrom('entries')
        .selectAll()
        .where('id', '=', item.entryId)
        .where('space_id', '=', binSpace(item.spaceId, item.id))
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async list(libraryId, spaceId, options) {
      return listRecycled(db, libraryId, spaceId, options);
    },
    async count(libraryId, spaceId) {
      const row = await items(libraryId, spaceId)
        .where('purging', '=', 0)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async contentCounts(libraryId, spaceId) {
      const row = await items(libraryId, spaceId)
        .where('purging', '=', 0)
        .select((eb) => [eb.fn.sum<number>('file_count').as('files'), eb.fn.sum<number>('dir_count').as('dirs')])
        .executeTakeFirstOrThrow();
      return { files: Number(row.files ?? 0), dirs: Number(row.dirs ?? 0) };
    },
    async restore(item: RecycledItem, toPath: string) {
      // Claiming the item row first, as purge() does, orders a racing restore and purge (no
      // deadlock) and lets exactly one of them have the item.
      const claimed = await db.deleteFrom('recycled_items').where('id', '=', item.id).where('purging', '=', 0).executeTakeFirst();
      if (Number(claimed.numDeletedRows) === 0) {
        return false;
      }
      // As EntryRepo.moveTree: substr counts code points on both dialects, so use them here too.
      const cut = [...item.path].length + 1;
      const slash = toPath.lastIndexOf('/');
      const toParent = slash < 0 ? '' : toPath.slice(0, slash);
      const toName = toPath.slice(slash + 1);
      await db
        .updateTable('entries')
        .set({
          space_id: item.spaceId,
          path: sql`${toPath} || substr(path, ${cut})`,
          parent: sql`case when path = ${item.path} then ${toParent} else ${toPath} || substr(parent, ${cut}) end`,
          name: sql`case when path = ${item.path} then ${toName} else name end`,
        })
        .where('library_id', '=', item.libraryId)
        .where('space_id', '=', binSpace(item.spaceId, item.id))
        .execute();
      return true;
    },
    async markPurging(libraryId, spaceId, ids) {
      if (ids !== null && ids.length === 0) {
        return 0;
      }
      let query = db
        .updateTable('recycled_items')
        .set({ purging: 1 })
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where('purging', '=', 0);
      if (ids !== null) {
        query = query.where('id', 'in', ids);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async listPurging(limit, space) {
      let query = db.selectFrom('recycled_items').selectAll().where('purging', '=', 1);
      if (space) {
        query = query.where('library_id', '=', space.libraryId).where('space_id', '=', space.spaceId);
      }
      const rows = await query.orderBy('id').limit(limit).execute();
      return rows.map(toRecycledItem);
    },
    async listExpired(now, limit) {
      const rows = await db
        .selectFrom('recycled_items')
        .selectAll()
        .where('purging', '=', 0)
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecycledItem);
    },
    async setRetention(id, retentionDays, removedAt) {
      await db
        .updateTable('recycled_items')
        .set({ retention_days: retentionDays, expires_at: expiresAt(removedAt, retentionDays) })
        .where('id', '=', id)
        .execute();
    },
    async purge(item) {
      // Deleting the item row first decides which of two racing purgers frees the bytes.
      const deleted = await db.deleteFrom('recycled_items').where('id', '=', item.id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) {
        return null;
      }
      const namespace = binSpace(item.spaceId, item.id);
      const refs = await blobRefs(item.libraryId, [namespace]);
      const files = await db
        .selectFrom('entries')
        .select('id')
        .where('library_id', '=', item.libraryId)
        .where('space_id', '=', namespace)
        .where('type', '<>', 'dir')
        .execute();
      await db.deleteFrom('entries').where('library_id', '=', item.libraryId).where('space_id', '=', namespace).execute();
      return { refs, fileIds: files.map((row) => row.id) };
    },
    async spaceRetention(libraryId, spaceId) {
      const row = await db
        .selectFrom('recycle_bin_settings')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .executeTakeFirst();
      return row ? { days: Number(row.retention_days), updatedAt: Number(row.updated_at) } : null;
    },
    async setSpaceRetention(libraryId, spaceId, days, now) {
      await db
        .insertInto('recycle_bin_settings')
        .values({ library_id: libraryId, space_id: spaceId, retention_days: days, updated_at: now })
        .onConflict((oc) => oc.columns(['library_id', 'space_id']).doUpdateSet({ retention_days: days, updated_at: now }))
        .execute();
      // Longer applies to what is already in the bin; shorter only to later deletions (dirs.md §6).
      await db
        .updateTable('recycled_items')
        .set({ retention_days: days, expires_at: sql`removed_at + ${days * DAY_MS}` })
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where('retention_days', '>', 0)
        .where('retention_days', '<', days)
        .execute();
    },
    async blobRefsInSpace(libraryId, spaceId) {
      const counts = new Map<string, number>();
      for (const group of chunks(await namespacesOf(libraryId, spaceId))) {
        for (const ref of await blobRefs(libraryId, group)) {
          counts.set(ref.blobKey, (counts.get(ref.blobKey) ?? 0) + ref.count);
        }
      }
      return [...counts].map(([blobKey, count]) => ({ blobKey, count }));
    },
    async deleteSpace(libraryId, spaceId) {
      for (const group of chunks(await namespacesOf(libraryId, spaceId))) {
        await db.deleteFrom('entries').where('library_id', '=', libraryId).where('space_id', 'in', group).execute();
      }
      await db.deleteFrom('recycled_items').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
      await db.deleteFrom('recycle_bin_settings').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
    },
  };
}
