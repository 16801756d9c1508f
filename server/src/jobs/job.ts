import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../services/deps.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Job, MetaStore } from '../stores/meta/meta-store.js';

export interface JobContext {
  readonly meta: MetaStore;
  readonly blob: BlobStore;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly job: Job;
  /** true once the worker is shutting down or lost the job's lease; long handlers should stop */
  readonly signal: AbortSignal;
}

/**
 * One kind of background job. Handlers must be idempotent: a job whose worker died is run again
 * by another worker once its lease lapses. The returned value is stored as the job's result.
 */
export interface JobHandler {
  readonly name: string;
  readonly leaseMs?: number;
  handle(ctx: JobContext, payload: unknown): Promise<unknown>;
}
