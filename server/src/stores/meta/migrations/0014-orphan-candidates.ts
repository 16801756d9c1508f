import type { Kysely, Migration } from 'kysely';

/**
 * Blobs the orphan sweep found unreferenced, with when it first saw them. Kept in the database
 * (not in a node's memory) so a restart does not reset the grace period, and nodes agree on it.
 */
export function orphanCandidates(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('orphan_candidates')
        .addColumn('blob_key', 'text', (c) => c.primaryKey())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orphan_candidates_last_seen').on('orphan_candidates').column('last_seen_at').execute();
    },
  };
}
