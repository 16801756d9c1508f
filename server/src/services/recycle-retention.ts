import type { Library, MetaRepos } from '../stores/meta/meta-store.js';
import { DAY_MS, type RecycledItem } from '../stores/meta/recycle-store.js';

/**
 * How long the bin keeps things (dirs.md §6 "Retention"). A space's R9 override wins over the
 * library's AutoRemoveRecycledDays; 0 days means "until someone purges it".
 *
 * Items are stamped with the retention in force when they were deleted. A later *longer*
 * retention applies to them too, a *shorter* one only to later deletions, so an item's
 * effective retention is the longer of its stamp and the space's current value.
 */
export async function currentRetentionDays(repos: MetaRepos, library: Library, spaceId: string): Promise<number> {
  const override = await repos.recycled.spaceRetention(library.id, spaceId);
  return override?.days ?? library.settings.autoRemoveRecycledDays;
}

/** The longer of two retentions, where 0 (forever) is the longest. */
export function effectiveRetentionDays(stampedDays: number, currentDays: number): number {
  if (stampedDays === 0 || currentDays === 0) {
    return 0;
  }
  return Math.max(stampedDays, currentDays);
}

/** Whole days left before the automatic purge (a partial day does not count); null = never. */
export function remainingDays(item: RecycledItem, currentDays: number, now: number): number | null {
  const days = effectiveRetentionDays(item.retentionDays, currentDays);
  if (days === 0) {
    return null;
  }
  return Math.max(0, Math.floor((item.removedAt + days * DAY_MS - now) / DAY_MS));
}
