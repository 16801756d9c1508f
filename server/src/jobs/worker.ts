import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { newHexId } from '../lib/ids.js';
import type { Clock } from '../services/deps.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Job, MetaStore } from '../stores/meta/meta-store.js';
import type { JobHandler } from './job.js';

const DEFAULT_LEASE_MS = 60_000;
const IDLE_POLL_MS = 500;
const MAX_BACKOFF_MS = 5 * 60_000;

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
      const result = await handler.handle({ ...options, job, signal }, job.payload);
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

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let job: Job | null = null;
      try {
        job = await options.meta.jobs.claim(id, options.clock.now(), options.leaseMs ?? DEFAULT_LEASE_MS, names);
      } catch (error) {
        options.log.error({ err: error }, 'job claim failed');
      }
      if (job) {
        await runOne(job);
      } else {
        await sleep(options.pollMs ?? IDLE_POLL_MS);
      }
    }
  }

  const loops = Array.from({ length: options.concurrency ?? 2 }, () => loop());
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
