import { type Kysely, sql } from 'kysely';
import type { Share, ShareRepo } from '../share-store.js';
import type { Dialect } from '../migrations/dialect.js';
import type { Database, SharesTable } from '../schema.js';

type Row = Omit<SharesTable, 'id'> & { id: number | string };

function toShare(row: Row): Share {
  return {
    id: Number(row.id),
    code: row.code,
    libraryId: row.library_id,
    spaceId: row.space_id,
    creatorId: row.creator_id,
    name: row.name,
    entryIds: JSON.parse(row.entry_ids) as string[],
    config: JSON.parse(row.config) as Share['config'],
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    ownerEnabled: Number(row.owner_enabled) === 1,
    adminEnabled: Number(row.admin_enabled) === 1,
    previewLimit: Number(row.preview_limit),
    previewUsed: Number(row.preview_used),
    downloadLimit: Number(row.download_limit),
    downloadUsed: Number(row.download_used),
    userLimit: Number(row.user_limit),
    userUsed: Number(row.user_used),
    revision: Number(row.revision),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const ORDER_COLUMNS = { createTime: 'created_at', expireTime: 'expires_at', name: 'name', creatorId: 'creator_id' } as const;

export function shareRepo(db: Kysely<Database>, dialect: Dialect): ShareRepo {
  return {
    async insert(share) {
      const row = await db
        .insertInto('shares')
        .values({
          code: share.code,
          library_id: share.libraryId,
          space_id: share.spaceId,
          creator_id: share.creatorId,
          name: share.name,
          entry_ids: JSON.stringify(share.entryIds),
          config: JSON.stringify(share.config),
          expires_at: share.expiresAt,
          owner_enabled: share.ownerEnabled ? 1 : 0,
          admin_enabled: share.adminEnabled ? 1 : 0,
          preview_limit: share.previewLimit,
          preview_used: share.previewUsed,
          download_limit: share.downloadLimit,
          download_used: share.downloadUsed,
          user_limit: share.userLimit,
          user_used: share.userUsed,
          revision: share.revision,
          created_at: share.createdAt,
          updated_at: share.updatedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...share, id: Number(row.id) };
    },
    async get(libraryId, id) {
      const row = await db.selectFrom('shares').selectAll().where('library_id', '=', libraryId).where('id', '=', id).executeTakeFirst();
      return row ? toShare(row) : null;
    },
    async getByCode(code) {
      const row = await db.selectFrom('shares').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toShare(row) : null;
    },
    async list(query) {
      let select = db.selectFrom('shares').selectAll().where('library_id', '=', query.libraryId);
      if (query.creatorId !== undefined) {
        select = select.where('creator_id', '=', query.creatorId);
      }
      if (query.nameContains) {
        // instr() and strpos() both match literally, unlike LIKE with its % and _ wildcards.
        const needle = query.nameContains;
        const find = sql.raw(dialect === 'postgres' ? 'strpos' : 'instr');
        select = select.where(sql<number>`${find}(lower(name), lower(${needle}))`, '>', 0);
      }
      if (query.expireFrom !== undefined) {
        select = select.where('expires_at', '>=', query.expireFrom);
      }
      if (query.expireTo !== undefined) {
        select = select.where('expires_at', '<=', query.expireTo);
      }
      if (query.createFrom !== undefined) {
        select = select.where('created_at', '>=', query.createFrom);
      }
      if (query.createTo !== undefined) {
        select = select.where('created_at', '<=', query.createTo);
      }
      const direction = query.descending ? 'desc' : 'asc';
      const rows = await select
        .orderBy(ORDER_COLUMNS[query.orderBy], direction)
        .orderBy('id', direction)
        .offset(query.offset)
        .limit(query.limit)
        .execute();
      return rows.map(toShare);
    },
    async update(id, settings, now) {
      await db
        .updateTable('shares')
        .set((eb) => ({
          name: settings.name,
          config: JSON.stringify(settings.config),
          expires_at: settings.expiresAt,
          preview_limit: settings.previewLimit,
          download_limit: settings.downloadLimit,
          user_limit: settings.userLimit,
          preview_used: 0,
          download_used: 0,
          user_used: 0,
          revision: eb('revision', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', id)
        .execute();
      await db.deleteFrom('share_visitors').where('share_id', '=', id).execute();
    },
    async setEnabled(id, switches, now) {
      await db
        .updateTable('shares')
        .set({
          ...(switches.ownerEnabled === undefined ? {} : { owner_enabled: switches.ownerEnabled ? 1 : 0 }),
          ...(switches.adminEnabled === undefined ? {} : { admin_enabled: switches.adminEnabled ? 1 : 0 }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom('share_visitors').where('share_id', '=', id).execute();
      await db.deleteFrom('shares').where('id', '=', id).execute();
    },
    async countUse(id, kind) {
      const used = kind === 'preview' ? 'preview_used' : 'download_used';
      const limit = kind === 'preview' ? 'preview_limit' : 'download_limit';
      const result = await db
        .updateTable('shares')
        .set((eb) => ({ [used]: eb(used, '+', 1) }))
        .where('id', '=', id)
        .where((eb) => eb.or([eb(limit, '=', 0), eb(used, '<', eb.ref(limit))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async addVisitor(id, userId, now) {
      const inserted = await db
        .insertInto('share_visitors')
        .values({ share_id: id, user_id: userId, created_at: now })
        .onConflict((oc) => oc.columns(['share_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!inserted) {
        return true; // counted before
      }
      const result = await db
        .updateTable('shares')
        .set((eb) => ({ user_used: eb('user_used', '+', 1) }))
        .where('id', '=', id)
        .where((eb) => eb.or([eb('user_limit', '=', 0), eb('user_used', '<', eb.ref('user_limit'))]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        await db.deleteFrom('share_visitors').where('share_id', '=', id).where('user_id', '=', userId).execute();
        return false;
      }
      return true;
    },
  };
}
