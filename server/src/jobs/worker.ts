import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { faultPoint } from '../lib/fault-points.js';
import { newHexId } from '../lib/ids.js';
import type { Clock } from '../services/deps.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Job, MetaStore } from '../stores/meta/meta-store.js';
import type { JobHandler } from './job.js';

const DEFAULT_LEASE_MS = 60_000;
const IDLE_POLL_MS = 500;
const MAX_BACKOFF_MS = 5 * 60_000;
/** first and longest pause after the queue store itself failed (database down, disk full) */
const STORE_BACKOFF_MS = 500;
const MAX_STORE_BACKOFF_MS = 30_000;

export interface Worker {
  readonly id: string;
  /** runs a poll right away (after an in-process enqueue) instead of waiting for the timer */
  wake(): void;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  meta: MetaStore;
  blob: BlobStore;
  clock: Clock;
  log: FastifyBaseLogger;
  handlers: readonly JobHandler[];
  concurrency?: number;
  pollMs?: number;
  /** how long a claimed job stays this worker's without a heartbeat; a dead worker's jobs wait this long */
  leaseMs?: number;
}

/**
 * Pulls jobs from the queue table and runs them: `concurrency` loops, each claiming one job at a
 * time under a lease it renews while the handler runs. Several processes may run workers on the
 * same database; the claim hands every job to one of them.
 */
export function startWorker(options: WorkerOptions): Worker {
  const id = `${hostname()}-${process.pid}-${newHexId().slice(0, 8)}`;
  const byName = new Map(options.handlers.map((handler) => [handler.name, handler]));
  const names = [...byName.keys()];
  const stopping = new AbortController();
  let wakeUp: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        if (wakeUp === done) {
          wakeUp = null;
        }
        resolve();
      }
      wakeUp = done;
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  async function runOne(job: Job): Promise<void> {
    const handler = byName.get(job.name) as JobHandler;
    const leaseMs = handler.leaseMs ?? options.leaseMs ?? DEFAULT_LEASE_MS;
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      options.meta.jobs
        .heartbeat(job.id, id, options.clock.now() + leaseMs)
        .then((mine) => (mine ? undefined : lost.abort()))
        .catch(() => undefined);
    }, leaseMs / 3);
    try {
      const signal = AbortSignal.any([stopping.signal, lost.signal]);
      faultPoint(`job.${job.name}.start`);
      const result = await handler.handle({ ...options, job, signal }, job.payload);
      faultPoint(`job.${job.name}.before-complete`);
      await options.meta.jobs.complete(job.id, id, result, options.clock.now());
    } catch (error) {
      const now = options.clock.now();
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** job.attempts);
      options.log.warn({ err: error, jobId: job.id, job: job.name }, 'job failed');
      await options.meta.jobs.fail(job.id, id, error instanceof Error ? error.message : String(error), now, now + backoff);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * One worker loop. A failing store (claim, complete or fail throwing) never ends the loop: it
   * logs, waits with exponential backoff and tries again. A job whose completion could not be
   * recorded keeps its lease and is claimed again when the lease lapses (handlers are idempotent).
   */
  async function loop(): Promise<void> {
    let storeFailures = 0;
    while (!stopping.signal.aborted) {
      try {
        const job = await options.meta.jobs.claim(id, options.clock.now(), options.leaseMs ?? DEFAULT_LEASE_MS, names);
        if (job) {
          await runOne(job);
        }
        if (storeFailures > 0) {
          options.log.info({ workerId: id, failures: storeFailures }, 'job worker: store reachable again');
          storeFailures = 0;
        }
        if (!job) {
          await sleep(options.pollMs ?? IDLE_POLL_MS);
        }
      } catch (error) {
        storeFailures += 1;
        const delay = Math.min(MAX_STORE_BACKOFF_MS, STORE_BACKOFF_MS * 2 ** Math.min(storeFailures - 1, 16));
        options.log.error({ err: error, workerId: id, failures: storeFailures, retryInMs: delay }, 'job worker: store error; backing off');
        await sleep(delay);
      }
    }
  }

  const loops = Array.from({ length: options.concurrency ?? 2 }, () =>
    // loop() catches everything it awaits; this is the last line of defence, never a crash.
    loop().catch((error: unknown) => options.log.fatal({ err: error, workerId: id }, 'job worker loop ended')),
  );
  return {
    id,
    wake() {
      wakeUp?.();
    },
    async stop() {
      stopping.abort();
      await Promise.all(loops);
    },
  };
}
