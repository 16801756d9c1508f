import type { Kysely } from 'kysely';
import type { FavoriteRepo } from '../favorite-store.js';
import type { Database } from '../schema.js';
import { toEntry } from './entry-repo.js';

export function favoriteRepo(db: Kysely<Database>): FavoriteRepo {
  const mine = (libraryId: string, spaceId: string, userId: string) =>
    db
      .selectFrom('favorites')
      .where('favorites.library_id', '=', libraryId)
      .where('favorites.space_id', '=', spaceId)
      .where('favorites.user_id', '=', userId);
  // Inner join: favorites of deleted entries drop out of lists and counts.
  const live = (libraryId: string, spaceId: string, userId: string) =>
    mine(libraryId, spaceId, userId)
      .innerJoin('entries', 'entries.id', 'favorites.entry_id')
      .where('entries.library_id', '=', libraryId)
      .where('entries.space_id', '=', spaceId);

  return {
    async insert(favorite) {
      // ON CONFLICT DO NOTHING: a duplicate (even a racing one) yields no row, not an error.
      const row = await db
        .insertInto('favorites')
        .values({
          library_id: favorite.libraryId,
          space_id: favorite.spaceId,
          user_id: favorite.userId,
          entry_id: favorite.entryId,
          created_at: favorite.createdAt,
        })
        .onConflict((oc) => oc.columns(['library_id', 'space_id', 'user_id', 'entry_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row ? { ...favorite, id: Number(row.id) } : null;
    },
    async delete(libraryId, spaceId, userId, entryId) {
      const result = await db
        .deleteFrom('favorites')
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where('user_id', '=', userId)
        .where('entry_id', '=', entryId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async list(libraryId, spaceId, userId, options) {
      const direction = options.descending ? 'desc' : 'asc';
      let query = live(libraryId, spaceId, userId)
        .selectAll('entries')
        .select(['favorites.id as favorite_id', 'favorites.created_at as favorite_time']);
      const after = options.after;
      if (after) {
        const op = options.descending ? '<' : '>';
        query = query.where((eb) =>
          eb.or([
            eb('favorites.created_at', op, after.createdAt),
            eb.and([eb('favorites.created_at', '=', after.createdAt), eb('favorites.id', op, after.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('favorites.created_at', direction)
        .orderBy('favorites.id', direction)
        .offset(options.offset)
        .limit(options.limit)
        .execute();
      return rows.map((row) => ({
        favorite: { id: Number(row.favorite_id), libraryId, spaceId, userId, entryId: row.id, createdAt: Number(row.favorite_time) },
        entry: toEntry(row),
      }));
    },
    async count(libraryId, spaceId, userId) {
      const row = await live(libraryId, spaceId, userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async favoritedAmong(libraryId, spaceId, userId, entryIds) {
      if (entryIds.length === 0) {
        return new Set();
      }
      const rows = await mine(libraryId, spaceId, userId).select('entry_id').where('entry_id', 'in', entryIds).execute();
      return new Set(rows.map((row) => row.entry_id));
    },
  };
}
