import type { BatchService } from '../services/batch.service.js';
import type { ItemOutcome } from '../services/batch-items.js';
import {
  restoreActor,
  TASK_JOB_NAMES,
  type TaskPayload,
  type TaskResult,
  taskStatus,
} from '../services/task-jobs.js';
import type { Job, MetaRepos } from '../stores/meta/meta-store.js';
import type { JobContext, JobHandler } from './job.js';

/** Test seam: runs inside item `index`'s transaction after its progress is written (a throw = a crash there). */
export interface BatchTaskHooks {
  beforeCommit?(job: Job, index: number): void;
}

interface Progress {
  done: (ItemOutcome | null)[];
}

/** Thrown when another worker took the job over (our lease lapsed): this run must not record anything. */
export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} is no longer this worker's`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Runs a batch (or D7/D8 copy) task. Crash safety: every applied item writes the outcomes so far
 * into the job row inside the item's own transaction, under this worker's lease. A worker that
 * dies mid-item leaves neither the item nor its record; one that dies between items leaves both.
 * The next run starts from the recorded outcomes, so no item is applied twice (no duplicate
 * copies under `rename`, no half-moved tree), and the final result lists every item in order.
 */
export async function runBatchTask(ctx: JobContext, payload: TaskPayload, batch: BatchService, hooks: BatchTaskHooks = {}): Promise<TaskResult> {
  const { job } = ctx;
  const workerId = job.lockedBy ?? '';
  const actor = await restoreActor(ctx.meta, job.libraryId, payload.actor);
  const earlier = (job.result as Progress | null)?.done ?? [];
  const outcomes = await batch.run(actor, job.spaceId, payload.request, {
    done: earlier,
    signal: ctx.signal,
    async save(done: readonly (ItemOutcome | null)[], index: number, tx?: MetaRepos) {
      const progress: Progress = { done: [...done] };
      if (!(await (tx ?? ctx.meta).jobs.saveProgress(job.id, workerId, progress, ctx.clock.now()))) {
        throw new LeaseLostError(job.id);
      }
      if (tx) {
        hooks.beforeCommit?.(job, index);
      }
    },
  });
  return { status: taskStatus(outcomes), outcomes };
}

/** The job kinds behind SMH's batch and directory-copy tasks; all run the same way. */
export function batchTaskJobs(batch: BatchService, hooks: BatchTaskHooks = {}): JobHandler[] {
  return TASK_JOB_NAMES.map((name) => ({
    name,
    handle: (ctx: JobContext, payload: unknown) => runBatchTask(ctx, payload as TaskPayload, batch, hooks),
  }));
}
