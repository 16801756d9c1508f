import type { Kysely } from 'kysely';
import type { OrphanRepo } from '../meta-store.js';
import type { Database } from '../schema.js';

export function orphanRepo(db: Kysely<Database>): OrphanRepo {
  return {
    async sighted(key, now) {
      const before = await db.selectFrom('orphan_candidates').select('first_seen_at').where('blob_key', '=', key).executeTakeFirst();
      await db
        .insertInto('orphan_candidates')
        .values({ blob_key: key, first_seen_at: now, last_seen_at: now })
        .onConflict((oc) => oc.column('blob_key').doUpdateSet({ last_seen_at: now }))
        .execute();
      return before ? Number(before.first_seen_at) : null;
    },
    async forget(key) {
      await db.deleteFrom('orphan_candidates').where('blob_key', '=', key).execute();
    },
    async forgetUnseenSince(since) {
      const result = await db.deleteFrom('orphan_candidates').where('last_seen_at', '<', since).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async count() {
      const row = await db.selectFrom('orphan_candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
