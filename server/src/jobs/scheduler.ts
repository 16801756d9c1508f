import type { FastifyBaseLogger } from 'fastify';

export interface PeriodicJob {
  readonly name: string;
  readonly intervalMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs housekeeping jobs on a timer, never two runs of one job at once. (The durable job queue
 * for SMH's async tasks is a separate store; these are idempotent sweeps.)
 */
export function startScheduler(jobs: readonly PeriodicJob[], log: FastifyBaseLogger): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) {
        return;
      }
      running = true;
      job
        .run()
        .catch((error: unknown) => log.error({ err: error, job: job.name }, 'periodic job failed'))
        .finally(() => {
          running = false;
        });
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) {
      clearInterval(timer);
    }
  };
}
