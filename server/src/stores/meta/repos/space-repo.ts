import type { Kysely, Selectable } from 'kysely';
import type { Space, SpaceRepo } from '../meta-store.js';
import type { Database, SpacesTable } from '../schema.js';
import { chargeUsage, releaseSpace } from './quota-usage.js';

function toSpace(row: Selectable<SpacesTable>): Space {
  return {
    libraryId: row.library_id,
    spaceId: row.space_id,
    userId: row.user_id,
    extension: JSON.parse(row.extension),
    size: Number(row.size),
    createdAt: Number(row.created_at),
  };
}

export function spaceRepo(db: Kysely<Database>): SpaceRepo {
  return {
    async insert(space) {
      await db
        .insertInto('spaces')
        .values({
          library_id: space.libraryId,
          space_id: space.spaceId,
          user_id: space.userId,
          extension: JSON.stringify(space.extension),
          size: space.size,
          created_at: space.createdAt,
        })
        .execute();
    },
    async get(libraryId, spaceId) {
      const row = await db
        .selectFrom('spaces')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .executeTakeFirst();
      return row ? toSpace(row) : null;
    },
    async list(libraryId, options) {
      let query = db.selectFrom('spaces').selectAll().where('library_id', '=', libraryId);
      const { userId, alsoSpaceIds } = options;
      if (userId !== undefined && alsoSpaceIds && alsoSpaceIds.length > 0) {
        query = query.where((eb) => eb.or([eb('user_id', '=', userId), eb('space_id', 'in', alsoSpaceIds)]));
      } else if (userId !== undefined) {
        query = query.where('user_id', '=', userId);
      }
      if (options.after !== undefined) {
        query = query.where('space_id', '>', options.after);
      }
      if (options.prefix) {
        // A byte-wise range instead of LIKE, so '%' and '_' in a prefix need no escaping.
        query = query.where('space_id', '>=', options.prefix).where('space_id', '<', `${options.prefix}\uffff`);
      }
      const rows = await query.orderBy('space_id').limit(options.limit).execute();
      return rows.map(toSpace);
    },
    async count(libraryId) {
      const row = await db
        .selectFrom('spaces')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('library_id', '=', libraryId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async updateExtension(libraryId, spaceId, extension) {
      await db
        .updateTable('spaces')
        .set({ extension: JSON.stringify(extension) })
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .execute();
    },
    async addSize(libraryId, spaceId, delta) {
      if (delta === 0) {
        return;
      }
      await db
        .updateTable('spaces')
        .set((eb) => ({ size: eb('size', '+', delta) }))
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .execute();
      // After the UPDATE above, which holds the space's row lock that quota changes wait on.
      await chargeUsage(db, libraryId, spaceId, delta);
    },
    async reserve(libraryId, spaceId, delta) {
      if (delta !== 0) {
        await chargeUsage(db, libraryId, spaceId, delta);
      }
    },
    async delete(libraryId, spaceId) {
      await releaseSpace(db, libraryId, spaceId);
      await db.deleteFrom('spaces').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
    },
    async totalSize(libraryId) {
      const row = await db
        .selectFrom('spaces')
        .select((eb) => eb.fn.sum<number>('size').as('total'))
        .where('library_id', '=', libraryId)
        .executeTakeFirstOrThrow();
      return Number(row.total ?? 0);
    },
  };
}
