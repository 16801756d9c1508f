import { type Kysely, type Selectable, sql } from 'kysely';
import type { Quota, QuotaRepo } from '../quota-store.js';
import type { Database, QuotasTable } from '../schema.js';
import { belowScope } from './entry-filters.js';

function toQuota(row: Selectable<QuotasTable>, spaceIds: string[]): Quota {
  return {
    id: Number(row.id),
    libraryId: row.library_id,
    capacity: Number(row.capacity),
    used: Number(row.used),
    removeWhenExceed: Number(row.remove_when_exceed) === 1,
    removeAfterDays: Number(row.remove_after_days),
    removeNewest: Number(row.remove_newest) === 1,
    spaceIds,
  };
}

export function quotaRepo(db: Kysely<Database>): QuotaRepo {
  const spacesOf = async (ids: readonly number[]): Promise<Map<number, string[]>> => {
    const out = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) {
      return out;
    }
    const rows = await db.selectFrom('quota_spaces').select(['quota_id', 'space_id']).where('quota_id', 'in', ids).orderBy('space_id').execute();
    for (const row of rows) {
      out.get(Number(row.quota_id))?.push(row.space_id);
    }
    return out;
  };

  const withSpaces = async (rows: Selectable<QuotasTable>[]): Promise<Quota[]> => {
    const spaces = await spacesOf(rows.map((row) => Number(row.id)));
    return rows.map((row) => toQuota(row, spaces.get(Number(row.id)) ?? []));
  };

  const link = async (libraryId: string, quotaId: number, spaceIds: readonly string[]) => {
    if (spaceIds.length > 0) {
      await db
        .insertInto('quota_spaces')
        .values(spaceIds.map((spaceId) => ({ library_id: libraryId, space_id: spaceId, quota_id: quotaId })))
        .execute();
    }
  };

  return {
    async lockSpaces(libraryId, spaceIds) {
      if (spaceIds.length === 0) {
        return { found: [], bytes: 0 };
      }
      // A no-op UPDATE takes the row locks on both dialects (SQLite has no SELECT … FOR UPDATE).
      await db
        .updateTable('spaces')
        .set((eb) => ({ size: eb.ref('size') }))
        .where('library_id', '=', libraryId)
        .where('space_id', 'in', spaceIds)
        .execute();
      const rows = await db
        .selectFrom('spaces')
        .select(['space_id', 'size'])
        .where('library_id', '=', libraryId)
        .where('space_id', 'in', spaceIds)
        .execute();
      return { found: rows.map((row) => row.space_id), bytes: rows.reduce((sum, row) => sum + Number(row.size), 0) };
    },
    async insert(libraryId, policy, spaceIds, used, now) {
      const row = await db
        .insertInto('quotas')
        .values({
          library_id: libraryId,
          capacity: policy.capacity,
          used,
          remove_when_exceed: policy.removeWhenExceed ? 1 : 0,
          remove_after_days: policy.removeAfterDays,
          remove_newest: policy.removeNewest ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await link(libraryId, id, spaceIds);
      return id;
    },
    async get(libraryId, id) {
      const row = await db.selectFrom('quotas').selectAll().where('library_id', '=', libraryId).where('id', '=', id).executeTakeFirst();
      return row ? ((await withSpaces([row]))[0] ?? null) : null;
    },
    async ofSpace(libraryId, spaceId) {
      const row = await db
        .selectFrom('quota_spaces')
        .innerJoin('quotas', 'quotas.id', 'quota_spaces.quota_id')
        .selectAll('quotas')
        .where('quota_spaces.library_id', '=', libraryId)
        .where('quota_spaces.space_id', '=', spaceId)
        .executeTakeFirst();
      return row ? ((await withSpaces([row]))[0] ?? null) : null;
    },
    async list(libraryId) {
      const rows = await db.selectFrom('quotas').selectAll().where('library_id', '=', libraryId).orderBy('id').execute();
      return withSpaces(rows);
    },
    async setPolicy(libraryId, id, policy, now) {
      await db
        .updateTable('quotas')
        .set({
          capacity: policy.capacity,
          remove_when_exceed: policy.removeWhenExceed ? 1 : 0,
          remove_after_days: policy.removeAfterDays,
          remove_newest: policy.removeNewest ? 1 : 0,
          updated_at: now,
        })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute();
    },
    async setSpaces(libraryId, id, spaceIds, used) {
      await db.deleteFrom('quota_spaces').where('quota_id', '=', id).execute();
      await link(libraryId, id, spaceIds);
      await db.updateTable('quotas').set({ used }).where('library_id', '=', libraryId).where('id', '=', id).execute();
    },
    async libraryUsed(libraryId) {
      const row = await db.selectFrom('library_usage').select('used').where('library_id', '=', libraryId).executeTakeFirst();
      return Number(row?.used ?? 0);
    },
    async deleteLibrary(libraryId) {
      await db.deleteFrom('quota_spaces').where('library_id', '=', libraryId).execute();
      await db.deleteFrom('quotas').where('library_id', '=', libraryId).execute();
      await db.deleteFrom('library_usage').where('library_id', '=', libraryId).execute();
    },
    async subtreeStats(libraryId, spaceId, path) {
      const isDir = sql`entries.type = 'dir'`;
      const row = await db
        .selectFrom('entries')
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where(belowScope(path))
        .select([
          sql<string | null>`sum(case when ${isDir} then 0 else entries.size end)`.as('bytes'),
          sql<string | null>`sum(case when ${isDir} then 0 else 1 end)`.as('files'),
          sql<string | null>`sum(case when ${isDir} then 1 else 0 end)`.as('dirs'),
        ])
        .executeTakeFirstOrThrow();
      return { bytes: Number(row.bytes ?? 0), files: Number(row.files ?? 0), dirs: Number(row.dirs ?? 0) };
    },
  };
}
