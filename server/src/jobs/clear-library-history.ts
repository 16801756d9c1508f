import { deleteBlobs } from '../services/blob-refs.js';
import { dropVersions } from '../services/file-history.js';
import { CLEAR_LIBRARY_HISTORY_JOB, type ClearHistoryPayload } from '../services/history-config.service.js';
import type { JobHandler } from './job.js';

const BATCH = 200;

/**
 * H6's background half (files.md §9.7): deletes every version of the library archived before
 * the request, batch by batch. Each batch writes the running count into the job row in its own
 * transaction, under this worker's lease, so a rerun after a crash continues the count instead
 * of restarting it, and the task result (`deleteCount`) counts each version once.
 */
export const clearLibraryHistoryJob: JobHandler = {
  name: CLEAR_LIBRARY_HISTORY_JOB,
  async handle(ctx, payload) {
    const { libraryId, before } = payload as ClearHistoryPayload;
    const workerId = ctx.job.lockedBy ?? '';
    let deleteCount = (ctx.job.result as { deleteCount?: number } | null)?.deleteCount ?? 0;
    while (!ctx.signal.aborted) {
      // The transaction may be re-run (serialization retry): count only once it committed.
      const dropped = await ctx.meta.transaction(async (tx) => {
        const batch = await tx.versions.listArchivedBefore(libraryId, before, BATCH);
        if (batch.length === 0) {
          return null;
        }
        const result = await dropVersions(tx, batch);
        if (!(await tx.jobs.saveProgress(ctx.job.id, workerId, { deleteCount: deleteCount + result.deleted }, ctx.clock.now()))) {
          throw new Error(`job ${ctx.job.id} is no longer this worker's`);
        }
        return result;
      });
      if (dropped === null) {
        return { deleteCount };
      }
      deleteCount += dropped.deleted;
      await deleteBlobs(ctx.blob, dropped.unreferenced);
    }
    throw new Error('stopped before the history was cleared');
  },
};
