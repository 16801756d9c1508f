import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore, Upload } from '../stores/meta/meta-store.js';
import { deleteBlobs } from './blob-refs.js';
import { joinedBlobKey } from './multipart-assembly.js';
import type { UploadHooks } from './upload-hooks.js';

/** Finished upload rows (confirmed, cancelled, expired) answer status and confirm calls this long. */
export const KEEP_FINISHED_MS = 24 * 3600 * 1000;

/**
 * Ends an unconfirmed upload as `cancelled` (only from pending) or `expired` (pending or
 * confirming past its expiry or lease) with ONE conditional UPDATE, then deletes its bytes. A
 * confirm that claimed the upload first makes the UPDATE match nothing, so bytes are deleted only
 * by the winner of the transition and never under a file a confirm committed. Returns the
 * finished row, or null when the upload was not in a state this transition may leave.
 */
export async function finishUpload(
  deps: { meta: MetaStore; blob: BlobStore; hooks?: UploadHooks },
  confirmKey: string,
  to: 'cancelled' | 'expired',
  now: number,
): Promise<Upload | null> {
  const finished = await deps.meta.transaction(async (tx) => {
    if (!(await tx.uploads.finish(confirmKey, to, now, now + KEEP_FINISHED_MS))) {
      return null;
    }
    // The row is frozen from here on: no PUT, join or confirm changes a finished upload.
    const row = await tx.uploads.get(confirmKey);
    if (row && row.reserved > 0) {
      await tx.spaces.reserve(row.libraryId, row.spaceId, -row.reserved);
      await tx.uploads.setReserved(confirmKey, 0);
    }
    await tx.uploads.deleteParts(confirmKey);
    return row;
  });
  if (!finished) {
    return null;
  }
  await deps.hooks?.afterFinish?.(confirmKey);
  await deps.blob.abortMultipart(confirmKey).catch(() => undefined);
  const keys = finished.kind === 'multipart' ? [joinedBlobKey(confirmKey)] : [];
  if (finished.blobKey && !keys.includes(finished.blobKey)) {
    keys.push(finished.blobKey);
  }
  await deleteBlobs(deps.blob, keys);
  return finished;
}
