import type { Kysely } from 'kysely';
import type { SettingsRepo } from '../meta-store.js';
import type { Database } from '../schema.js';

export function settingsRepo(db: Kysely<Database>): SettingsRepo {
  return {
    async getOrCreate(key, value) {
      // Insert-if-absent then read back: concurrent first starts of several nodes agree on one value.
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
