import { EMPTY_RECYCLE_BIN_JOB } from '../services/recycle-bin.service.js';
import { purgeMarkedItems } from '../services/recycle-purge.js';
import type { JobHandler } from './job.js';

/**
 * R8's background half: the request hid every item of the space (marked purging); this frees
 * their rows, size and bytes. Idempotent — each item is purged in its own transaction and a
 * purged item is gone — so a rerun after a crash just continues; the periodic sweep
 * (purge-recycle-bins.ts) also picks up whatever a failed job left.
 */
export const emptyRecycleBinJob: JobHandler = {
  name: EMPTY_RECYCLE_BIN_JOB,
  async handle(ctx, payload) {
    const { libraryId, spaceId } = payload as { libraryId: string; spaceId: string };
    const purged = await purgeMarkedItems(ctx.meta, ctx.blob, { libraryId, spaceId }, ctx.signal);
    return { purged };
  },
};
