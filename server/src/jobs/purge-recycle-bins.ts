import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import type { RecycledItem } from '../stores/meta/recycle-store.js';
import { purgeMarkedItems, purgeRecycledItem } from '../services/recycle-purge.js';
import { effectiveRetentionDays } from '../services/recycle-retention.js';

const BATCH = 100;

/**
 * The retention sweep (dirs.md §6): purges bin items whose retention ran out, plus items R7/R8
 * marked whose purge did not finish. An item whose stamp ran out but whose space now keeps
 * things longer (the library default or R9 grew) is re-stamped instead, so it leaves the
 * expired set either way and the loop ends. Idempotent: safe to run on several nodes at once.
 */
export async function purgeRecycleBins(meta: MetaStore, blob: BlobStore, now: number): Promise<number> {
  let purged = await purgeMarkedItems(meta, blob);
  const currentDays = new Map<string, number>();
  const currentOf = async (item: RecycledItem): Promise<number> => {
    const key = `${item.libraryId}\n${item.spaceId}`;
    let days = currentDays.get(key);
    if (days === undefined) {
      const library = await meta.libraries.get(item.libraryId);
      const override = await meta.recycled.spaceRetention(item.libraryId, item.spaceId);
      // A vanished library has nothing to keep: its stamp decides.
      days = override?.days ?? library?.settings.autoRemoveRecycledDays ?? item.retentionDays;
      currentDays.set(key, days);
    }
    return days;
  };
  for (;;) {
    const batch = await meta.recycled.listExpired(now, BATCH);
    for (const item of batch) {
      const days = effectiveRetentionDays(item.retentionDays, await currentOf(item));
      if (days === item.retentionDays) {
        purged += (await purgeRecycledItem(meta, blob, item)) ? 1 : 0;
      } else {
        await meta.recycled.setRetention(item.id, days, item.removedAt);
      }
    }
    if (batch.length < BATCH) {
      return purged;
    }
  }
}
