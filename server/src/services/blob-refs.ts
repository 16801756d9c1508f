import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';

/** Counts how many references each blob loses when `entries` go away. */
export function blobRefCounts(entries: readonly Entry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    if (entry.blobKey) {
      counts.set(entry.blobKey, (counts.get(entry.blobKey) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Drops references inside the caller's transaction and returns the blobs nobody references any
 * more. Their bytes are deleted only after the commit (deleteBlobs), so a rollback never loses data.
 */
export async function releaseBlobRefs(tx: MetaRepos, counts: ReadonlyMap<string, number>): Promise<string[]> {
  const unreferenced: string[] = [];
  for (const [key, count] of counts) {
    const left = await tx.blobs.addRef(key, -count);
    if (left <= 0) {
      await tx.blobs.delete(key);
      // Renditions (thumbnails, covers) belong to the bytes: they go with the last reference.
      unreferenced.push(key, ...(await tx.renditions.deleteBySource(key)));
    }
  }
  return unreferenced;
}

/** Best effort: a blob that survives here is an orphan the periodic sweep removes. */
export async function deleteBlobs(blob: BlobStore, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => blob.delete(key).catch(() => undefined)));
}
