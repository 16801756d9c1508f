import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import type { RecycledItem } from '../stores/meta/recycle-store.js';
import { deleteBlobs, releaseBlobRefs } from './blob-refs.js';
import { recordRecyclePurge } from './change-feed.js';
import { dropVersions } from './file-history.js';

/**
 * Purges one recycled item for good: its rows, its files' history versions, its share of the
 * space's size and every blob no live entry, copy, version or other bin item still references. Idempotent: when another purger got
 * there first it does nothing and returns false, so bytes and size are released exactly once.
 */
export async function purgeRecycledItem(meta: MetaStore, blob: BlobStore, item: RecycledItem): Promise<boolean> {
  const unreferenced = await meta.transaction(async (tx) => {
    const purged = await tx.recycled.purge(item);
    if (purged === null) {
      return null;
    }
    await tx.spaces.addSize(item.libraryId, item.spaceId, -item.size);
    await recordRecyclePurge(tx, item, Date.now());
    // History versions of the purged files go with them, as on a permanent delete.
    const history = purged.fileIds.length === 0 ? { unreferenced: [] } : await dropVersions(tx, await tx.versions.listOfEntries(purged.fileIds));
    const refs = new Map(purged.refs.map((ref) => [ref.blobKey, ref.count]));
    return [...history.unreferenced, ...(await releaseBlobRefs(tx, refs))];
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
