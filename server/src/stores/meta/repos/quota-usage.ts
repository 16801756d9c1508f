import type { Kysely } from 'kysely';
import { SmhError } from '../../../errors/smh-error.js';
import type { Database } from '../schema.js';

/**
 * Moves the quota counters with a space's size, inside the caller's transaction. Called only by
 * `spaces.addSize` (after it updated, and so locked, the space's row) and `spaces.delete`.
 *
 * Adding bytes is ONE conditional UPDATE per counter: `used = used + n WHERE used + n <=
 * capacity`. The check and the increment are one statement, so two transactions can never both
 * pass on the same free bytes: on PostgreSQL the second waits for the first's row lock, then
 * re-checks the condition on the committed value (READ COMMITTED) or is aborted and re-run by
 * MetaStore.transaction (SERIALIZABLE, which we use); SQLite runs one writer at a time. Zero rows
 * updated means no room, and the error rolls the caller's whole transaction back, entry and
 * `spaces.size` included. Removing bytes is unconditional, so counters stay exact when over.
 */
export async function chargeUsage(db: Kysely<Database>, libraryId: string, spaceId: string, delta: number): Promise<void> {
  const link = await db
    .selectFrom('quota_spaces')
    .select('quota_id')
    .where('library_id', '=', libraryId)
    .where('space_id', '=', spaceId)
    .executeTakeFirst();
  if (link) {
    let update = db
      .updateTable('quotas')
      .set((eb) => ({ used: eb('used', '+', delta) }))
      .where('id', '=', link.quota_id);
    if (delta > 0) {
      update = update.where((eb) => eb(eb('used', '+', delta), '<=', eb.ref('capacity')));
    }
    const result = await update.executeTakeFirst();
    if (delta > 0 && Number(result.numUpdatedRows) === 0) {
      throw new SmhError('QuotaLimitReached');
    }
  }
  await chargeLibrary(db, libraryId, delta);
}

/** The library quota (LibraryExtension.EnableQuota/LibraryQuota), or null when off. */
export async function libraryCapacity(db: Kysely<Database>, libraryId: string): Promise<number | null> {
  const row = await db.selectFrom('libraries').select('settings').where('id', '=', libraryId).executeTakeFirst();
  const settings = row ? (JSON.parse(row.settings) as { enableQuota?: boolean; libraryQuota?: number | null }) : {};
  return settings.enableQuota === true && typeof settings.libraryQuota === 'number' ? settings.libraryQuota : null;
}

/**
 * The same conditional UPDATE on the library's counter. Only libraries with EnableQuota keep
 * one (that flag is fixed at creation, so the counter has seen every byte since), which spares
 * every other library a single hot row that all its writers would queue on.
 */
async function chargeLibrary(db: Kysely<Database>, libraryId: string, delta: number): Promise<void> {
  const capacity = await libraryCapacity(db, libraryId);
  if (capacity === null) {
    return;
  }
  await db
    .insertInto('library_usage')
    .values({ library_id: libraryId, used: 0 })
    .onConflict((oc) => oc.column('library_id').doNothing())
    .execute();
  let update = db
    .updateTable('library_usage')
    .set((eb) => ({ used: eb('used', '+', delta) }))
    .where('library_id', '=', libraryId);
  if (delta > 0) {
    update = update.where((eb) => eb(eb('used', '+', delta), '<=', capacity));
  }
  const result = await update.executeTakeFirst();
  if (delta > 0 && Number(result.numUpdatedRows) === 0) {
    throw new SmhError('LibraryQuotaLimitReached');
  }
}

/** A space is going away: its bytes leave its quota and library counters, and its quota link goes. */
export async function releaseSpace(db: Kysely<Database>, libraryId: string, spaceId: string): Promise<void> {
  const row = await db
    .selectFrom('spaces')
    .select('size')
    .where('library_id', '=', libraryId)
    .where('space_id', '=', spaceId)
    .executeTakeFirst();
  const size = Number(row?.size ?? 0);
  if (size !== 0) {
    await chargeUsage(db, libraryId, spaceId, -size);
  }
  await db.deleteFrom('quota_spaces').where('library_id', '=', libraryId).where('space_id', '=', spaceId).execute();
}
