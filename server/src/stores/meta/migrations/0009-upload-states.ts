import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The upload state machine (pending → confirming → confirmed | cancelled | expired): the claim
 * a confirm holds while `confirming`, the quota bytes a pending upload with a declared size
 * reserves, and the storage slot of each part (a re-sent part goes to a fresh slot, so a join
 * reads exactly the bytes its part rows describe). The old 'uploaded' state is 'pending' with
 * bytes.
 */
export function uploadStates(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('uploads').addColumn('claim', 'text').execute();
      await db.schema
        .alterTable('uploads')
        .addColumn('reserved', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('upload_parts').addColumn('slot', 'bigint').execute();
      await sql`update uploads set status = 'pending' where status = 'uploaded'`.execute(db);
    },
  };
}
