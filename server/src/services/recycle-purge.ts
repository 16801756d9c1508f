import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import type { RecycledItem } from '../stores/meta/recycle-store.js';
import { deleteBlobs, releaseBlobRefs } from './blob-refs.js';

/**
 * Purges one recycled item for good: its rows, its share of the space's size and every blob no
 * live entry, copy or other bin item still references. Idempotent: when another purger got
 * there first it does nothing and returns false, so bytes and size are released exactly once.
 */
export async function purgeRecycledItem(meta: MetaStore, blob: BlobStore, item: RecycledItem): Promise<boolean> {
  const unreferenced = await meta.transaction(async (tx) => {
    const refs = await tx.recycled.purge(item);
    if (refs === null) {
      return null;
    }
    await tx.spaces.addSize(item.libraryId, item.spaceId, -item.size);
    return releaseBlobRefs(tx, new Map(refs.map((ref) => [ref.blobKey, ref.count])));
  });
  if (unreferenced === null) {
    return false;
  }
  await deleteBlobs(blob, unreferenced);
  return true;
}

const BATCH = 100;

/** Purges the items R7/R8 marked (of one space, or everywhere); returns how many it purged. */
export async function purgeMarkedItems(
  meta: MetaStore,
  blob: BlobStore,
  space?: { libraryId: string; spaceId: string },
  signal?: AbortSignal,
): Promise<number> {
  let purged = 0;
  for (;;) {
    const batch = await meta.recycled.listPurging(BATCH, space);
    for (const item of batch) {
      if (signal?.aborted) {
        return purged;
      }
      purged += (await purgeRecycledItem(meta, blob, item)) ? 1 : 0;
    }
    if (batch.length < BATCH) {
      return purged;
    }
  }
}
