import type { JobHandler } from './job.js';

/**
 * Every background job kind the worker runs. A job file exports one JobHandler; add it here.
 * (SMH's async tasks — batch copy/move/delete, recycle-bin restore/empty, history clearing — are
 * jobs whose rows back the task API.)
 */
export function jobHandlers(extra: readonly JobHandler[] = []): JobHandler[] {
  return [...extra];
}
