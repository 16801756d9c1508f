import type { Kysely } from 'kysely';
import type { RecentAction, RecentRepo } from '../recent-store.js';
import type { Database } from '../schema.js';
import { kindOrExtension } from './entry-filters.js';
import { toEntry } from './entry-repo.js';

export function recentRepo(db: Kysely<Database>): RecentRepo {
  return {
    async record(use) {
      await db
        .insertInto('recent_files')
        .values({
          library_id: use.libraryId,
          space_id: use.spaceId,
          user_id: use.userId,
          entry_id: use.entryId,
          action: use.action,
          operated_at: use.operatedAt,
        })
        .onConflict((oc) =>
          oc.columns(['library_id', 'space_id', 'user_id', 'entry_id', 'action']).doUpdateSet({ operated_at: use.operatedAt }),
        )
        .execute();
    },
    async list(libraryId, spaceId, userId, options) {
      // Walks the (owner, operated_at) index newest first; the join drops files deleted since.
      let query = db
        .selectFrom('recent_files')
        .innerJoin('entries', 'entries.id', 'recent_files.entry_id')
        .selectAll('entries')
        .select(['recent_files.action', 'recent_files.operated_at'])
        .where('recent_files.library_id', '=', libraryId)
        .where('recent_files.space_id', '=', spaceId)
        .where('recent_files.user_id', '=', userId)
        .where('entries.library_id', '=', libraryId)
        .where('entries.space_id', '=', spaceId);
      if (options.action) {
        query = query.where('recent_files.action', '=', options.action);
      }
      const kinds = kindOrExtension(options.kinds, options.extensions);
      if (kinds) {
        query = query.where(kinds);
      }
      const after = options.after;
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('recent_files.operated_at', '<', after.operatedAt),
            eb.and([
              eb('recent_files.operated_at', '=', after.operatedAt),
              eb.or([
                eb('recent_files.entry_id', '>', after.entryId),
                eb.and([eb('recent_files.entry_id', '=', after.entryId), eb('recent_files.action', '>', after.action)]),
              ]),
            ]),
          ]),
        );
      }
      const rows = await query
        .orderBy('recent_files.operated_at', 'desc')
        .orderBy('recent_files.entry_id', 'asc')
        .orderBy('recent_files.action', 'asc')
        .limit(options.limit)
        .execute();
      return rows.map((row) => ({
        use: { libraryId, spaceId, userId, entryId: row.id, action: row.action as RecentAction, operatedAt: Number(row.operated_at) },
        entry: toEntry(row),
      }));
    },
  };
}
