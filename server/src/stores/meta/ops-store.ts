/** Gauges for /metrics: work waiting in the metadata store; implemented in repos/ops-repo.ts. */

export interface OpsStats {
  /** upload tasks initiated and not yet confirmed, cancelled or expired */
  uploadsPending: number;
  /** jobs waiting to run (queued) and running */
  jobsQueued: number;
  jobsRunning: number;
  /** enqueue time (ms) of the oldest queued job, null when none */
  oldestQueuedAt: number | null;
}

export interface OpsRepo {
  stats(): Promise<OpsStats>;
}
