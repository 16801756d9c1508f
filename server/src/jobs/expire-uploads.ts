import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import { finishUpload } from '../services/upload-finish.js';
import type { UploadHooks } from '../services/upload-hooks.js';

const BATCH = 100;

/**
 * Ends upload tasks whose target (pending) or confirm lease (confirming) lapsed — one
 * conditional transition each, so an upload a live confirm holds is never touched — deletes
 * their parts and bytes, and forgets finished tasks past their keep time. Idempotent: safe to
 * run on several nodes at once.
 */
export async function expireUploads(meta: MetaStore, blob: BlobStore, now: number, hooks?: UploadHooks): Promise<number> {
  let removed = 0;
  for (;;) {
    const expired = await meta.uploads.listExpired(now, BATCH);
    for (const upload of expired) {
      if (await finishUpload({ meta, blob, hooks }, upload.confirmKey, 'expired', now)) {
        removed += 1;
      }
    }
    if (expired.length < BATCH) {
      break;
    }
  }
  removed += await meta.uploads.deleteFinishedBefore(now);
  await meta.tokens.deleteExpired(now);
  return removed;
}
