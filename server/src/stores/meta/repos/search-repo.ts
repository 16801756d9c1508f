import type { Kysely } from 'kysely';
import type { Dialect } from '../migrations/dialect.js';
import type { Database } from '../schema.js';
import type { SearchCursor, SearchQuery, SearchRepo } from '../search-store.js';
import { findEntries } from './search-query.js';

export function searchRepo(db: Kysely<Database>, dialect: Dialect): SearchRepo {
  return {
    async insert(task) {
      await db
        .insertInto('searches')
        .values({
          id: task.id,
          library_id: task.libraryId,
          space_id: task.spaceId,
          user_id: task.userId,
          query: JSON.stringify(task.query),
          created_at: task.createdAt,
          expires_at: task.expiresAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('searches').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) {
        return null;
      }
      return {
        id: row.id,
        libraryId: row.library_id,
        spaceId: row.space_id,
        userId: row.user_id,
        query: JSON.parse(row.query) as SearchQuery,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
      };
    },
    async delete(id) {
      await db.deleteFrom('search_markers').where('search_id', '=', id).execute();
      const result = await db.deleteFrom('searches').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async saveMarker(searchId, marker, cursor) {
      await db
        .insertInto('search_markers')
        .values({ search_id: searchId, marker, cursor: JSON.stringify(cursor) })
        .onConflict((oc) => oc.columns(['search_id', 'marker']).doNothing())
        .execute();
    },
    async getMarker(searchId, marker) {
      const row = await db
        .selectFrom('search_markers')
        .select('cursor')
        .where('search_id', '=', searchId)
        .where('marker', '=', marker)
        .executeTakeFirst();
      return row ? (JSON.parse(row.cursor) as SearchCursor) : null;
    },
    async find(libraryId, spaceId, query, after, limit) {
      return findEntries(db, dialect, { libraryId, spaceId }, query, after, limit);
    },
    async deleteExpired(now) {
      const expired = db.selectFrom('searches').select('id').where('expires_at', '<', now);
      await db.deleteFrom('search_markers').where('search_id', 'in', expired).execute();
      const result = await db.deleteFrom('searches').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
