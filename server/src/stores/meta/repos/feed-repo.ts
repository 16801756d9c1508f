import { type Kysely, sql } from 'kysely';
import type { FeedRepo } from '../feed-store.js';
import type { Database } from '../schema.js';

/** Keeps multi-row inserts under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 200;

export function feedRepo(db: Kysely<Database>): FeedRepo {
  const counter = (libraryId: string, spaceId: string) =>
    db.selectFrom('fs_feed_counters').selectAll().where('library_id', '=', libraryId).where('space_id', '=', spaceId);

  return {
    async append(libraryId, spaceId, events, now) {
      if (events.length === 0) {
        return;
      }
      // The upsert takes the counter row's write lock until commit: concurrent writers of one
      // space queue here, so numbers follow commit order (see migration 0011).
      const row = await db
        .insertInto('fs_feed_counters')
        .values({ library_id: libraryId, space_id: spaceId, last_seq: events.length, purged_seq: 0 })
        .onConflict((oc) =>
          oc.columns(['library_id', 'space_id']).doUpdateSet({ last_seq: sql`fs_feed_counters.last_seq + ${events.length}` }),
        )
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const first = Number(row.last_seq) - events.length + 1;
      const rows = events.map((event, index) => ({
        library_id: libraryId,
        space_id: spaceId,
        seq: first + index,
        event_type: event.eventType,
        created_at: now,
        payload: JSON.stringify(event.payload),
      }));
      for (let start = 0; start < rows.length; start += CHUNK) {
        await db.insertInto('fs_events').values(rows.slice(start, start + CHUNK)).execute();
      }
    },
    async position(libraryId, spaceId) {
      const row = await counter(libraryId, spaceId).executeTakeFirst();
      return { lastSeq: row ? Number(row.last_seq) : 0, purgedSeq: row ? Number(row.purged_seq) : 0 };
    },
    async list(libraryId, spaceId, after, limit) {
      const rows = await db
        .selectFrom('fs_events')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('space_id', '=', spaceId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        seq: Number(row.seq),
        eventType: row.event_type,
        createdAt: Number(row.created_at),
        payload: JSON.parse(row.payload) as Record<string, unknown>,
      }));
    },
    async expire(before, limit) {
      const spaces = await db
        .selectFrom('fs_events')
        .select(['library_id', 'space_id', (eb) => eb.fn.max('seq').as('upto')])
        .where('created_at', '<', before)
        .groupBy(['library_id', 'space_id'])
        .limit(limit)
        .execute();
      let dropped = 0;
      for (const space of spaces) {
        const upto = Number(space.upto);
        // Mark first, then delete: a reader in between already sees its old cursor as expired.
        await db
          .updateTable('fs_feed_counters')
          .set({ purged_seq: sql`case when purged_seq > ${upto} then purged_seq else ${upto} end` })
          .where('library_id', '=', space.library_id)
          .where('space_id', '=', space.space_id)
          .execute();
        const result = await db
          .deleteFrom('fs_events')
          .where('library_id', '=', space.library_id)
          .where('space_id', '=', space.space_id)
          .where('seq', '<=', upto)
          .executeTakeFirst();
        dropped += Number(result.numDeletedRows);
      }
      return dropped;
    },
    async deleteSpace(libraryId, spaceId) {
      await db.deleteFrom('fs_events').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
      await db.deleteFrom('fs_feed_counters').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
    },
  };
}
