import type { Kysely, Migration } from 'kysely';

/**
 * The change feed (X2, files.md §8.9). `fs_events` holds one row per event, numbered per space
 * by `seq`; `fs_feed_counters` holds each space's last number and how far retention has purged.
 * A writer takes its numbers by updating the counter row inside the transaction that records
 * the change, so on PostgreSQL a second writer waits for (and then retries after) the first:
 * numbers are handed out in commit order, gap-free, and a reader that has seen event n has seen
 * every event below n.
 */
export function changeFeed(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('fs_feed_counters')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        // events up to and including this number are gone (retention): older cursors expired
        .addColumn('purged_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('fs_feed_counters_pk', ['library_id', 'space_id'])
        .execute();
      await db.schema
        .createTable('fs_events')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        // the event item as SMH presents it, minus nothing: JSON
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('fs_events_pk', ['library_id', 'space_id', 'seq'])
        .execute();
      await db.schema.createIndex('fs_events_created').on('fs_events').columns(['created_at']).execute();
    },
  };
}
