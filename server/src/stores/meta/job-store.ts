/** The durable job queue (a table in the metadata database); implemented in repos/job-repo.ts. */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job {
  id: number;
  name: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lockedBy: string | null;
  lockedUntil: number | null;
  result: unknown;
  error: string | null;
  libraryId: string;
  spaceId: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface NewJob {
  name: string;
  payload: unknown;
  libraryId?: string;
  spaceId?: string;
  userId?: string;
  runAt?: number;
  maxAttempts?: number;
}

/**
 * The durable job queue. A job is claimed by one worker under a lease; a worker that dies lets
 * the lease lapse and another worker takes the job again, so handlers must be idempotent.
 */
export interface JobRepo {
  enqueue(job: NewJob, now: number): Promise<number>;
  /** takes the oldest runnable job (queued and due, or running with a lapsed lease) */
  claim(workerId: string, now: number, leaseMs: number, names: readonly string[]): Promise<Job | null>;
  /** extends the lease; false when the job is no longer this worker's */
  heartbeat(id: number, workerId: string, lockedUntil: number): Promise<boolean>;
  complete(id: number, workerId: string, result: unknown, now: number): Promise<boolean>;
  /**
   * Stores a running job's partial result in `result`, where a later claim of the same job reads
   * it back; false when the job is no longer this worker's. Called inside a transaction, it locks
   * the job row, so the work of that transaction and its record commit together or not at all.
   */
  saveProgress(id: number, workerId: string, progress: unknown, now: number): Promise<boolean>;
  /** records a failure: requeued at `retryAt` while attempts remain, else failed for good */
  fail(id: number, workerId: string, error: string, now: number, retryAt: number): Promise<boolean>;
  get(id: number): Promise<Job | null>;
  /** forgets finished jobs (SMH keeps tasks queryable for 30 days) */
  deleteFinishedBefore(before: number): Promise<number>;
}
