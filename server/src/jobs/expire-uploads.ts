import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import { discardUpload } from '../services/upload.service.js';

const BATCH = 100;

/**
 * Drops upload tasks whose target expired unconfirmed (with their parts and bytes) and forgets
 * confirmed tasks past their keep time. Idempotent: safe to run on several nodes at once.
 */
export async function expireUploads(meta: MetaStore, blob: BlobStore, now: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const expired = await meta.uploads.listExpired(now, BATCH);
    for (const upload of expired) {
      await discardUpload(meta, blob, upload);
    }
    removed += expired.length;
    if (expired.length < BATCH) {
      break;
    }
  }
  removed += await meta.uploads.deleteConfirmedBefore(now);
  await meta.tokens.deleteExpired(now);
  return removed;
}
