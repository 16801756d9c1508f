import { deleteBlobs } from '../services/blob-refs.js';
import { dropVersions } from '../services/file-history.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaRepos, MetaStore } from '../stores/meta/meta-store.js';
import type { FileVersion } from '../stores/meta/version-store.js';

const BATCH = 100;
const DAY_MS = 24 * 3600 * 1000;

/** Drops what `pick` lists, batch by batch, each batch in one transaction; returns how many went. */
async function drain(meta: MetaStore, blob: BlobStore, pick: (tx: MetaRepos) => Promise<FileVersion[]>): Promise<number> {
  let removed = 0;
  for (;;) {
    const { unreferenced, deleted, listed } = await meta.transaction(async (tx) => {
      const batch = await pick(tx);
      return { ...(await dropVersions(tx, batch)), listed: batch.length };
    });
    await deleteBlobs(blob, unreferenced);
    removed += deleted;
    if (listed < BATCH) {
      return removed;
    }
  }
}

/**
 * The periodic history sweep (files.md §9.1): removes versions older than their library's
 * fileHistoryExpireDay (0 = kept forever), and orphans — versions whose file is gone for good
 * (its recycle-bin item purged, its space or library deleted), which those paths leave for this
 * sweep instead of knowing about versions. Idempotent: safe to run on several nodes at once.
 */
export async function expireVersions(meta: MetaStore, blob: BlobStore, now: number): Promise<number> {
  let removed = await drain(meta, blob, (tx) => tx.versions.listOrphans(BATCH));
  for (let offset = 0; ; offset += BATCH) {
    const { items } = await meta.libraries.list(offset, BATCH);
    for (const library of items) {
      const days = library.settings.fileHistoryExpireDay ?? 0;
      if (days > 0) {
        removed += await drain(meta, blob, (tx) => tx.versions.listArchivedBefore(library.id, now - days * DAY_MS, BATCH));
      }
    }
    if (items.length < BATCH) {
      return removed;
    }
  }
}
