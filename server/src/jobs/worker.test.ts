import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { SYSTEM_CLOCK } from '../services/deps.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { JobRepo, MetaStore } from '../stores/meta/meta-store.js';
import { openSqliteMetaStore } from '../stores/meta/sqlite/open-sqlite.js';
import { startWorker } from './worker.js';

interface LogLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines, shaped as the worker uses Fastify's. */
function recordingLogger(lines: LogLine[]): FastifyBaseLogger {
  const at = (level: string) => (fields: unknown, msg?: string) => {
    lines.push({ level, msg: msg ?? String(fields), fields: typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {} });
  };
  const logger = { level: 'info', fatal: at('fatal'), error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), trace: at('trace'), silent: () => undefined };
  return { ...logger, child: () => logger } as unknown as FastifyBaseLogger;
}

/** meta.jobs whose methods throw while `broken` holds their name (a database that went away). */
function faultyJobs(real: JobRepo, broken: Set<string>): JobRepo {
  return new Proxy(real, {
    get(target, property: string) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        if (broken.has(property)) {
          return Promise.reject(Object.assign(new Error(`injected: ${property} failed (SQLITE_IOERR)`), { code: 'SQLITE_IOERR' }));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (await condition()) {
      return;
    }
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Issue 10 item 4: a store failure inside the job worker never ends it; it backs off, logs, recovers. */
describe('job worker under store failures', () => {
  let meta: MetaStore;
  before(async () => {
    meta = await openSqliteMetaStore(':memory:');
  });
  after(async () => {
    await meta.close();
  });

  it('keeps running through failing claims, completes and fails, then finishes the jobs', async () => {
    const broken = new Set<string>();
    const lines: LogLine[] = [];
    const runs: unknown[] = [];
    const worker = startWorker({
      meta: { ...meta, jobs: faultyJobs(meta.jobs, broken) },
      blob: {} as BlobStore,
      clock: SYSTEM_CLOCK,
      log: recordingLogger(lines),
      pollMs: 20,
      concurrency: 1,
      leaseMs: 300,
      handlers: [{ name: 'probe', handle: async (_ctx, payload) => void runs.push(payload) }],
    });
    try {
      // 1. the queue store fails to claim: several error lines with growing backoff, no crash
      broken.add('claim');
      await until(() => lines.filter((line) => line.msg.includes('store error')).length >= 3, 'repeated claim errors');
      const delays = lines.filter((line) => line.msg.includes('store error')).map((line) => Number(line.fields.retryInMs));
      assert.ok((delays[1] as number) > (delays[0] as number), `backoff grows: ${delays.join(', ')}`);
      assert.match(String((lines.find((line) => line.msg.includes('store error'))?.fields.err as Error).message), /SQLITE_IOERR/);

      // 2. the store comes back: a queued job runs and the recovery is logged
      broken.delete('claim');
      const first = await meta.jobs.enqueue({ name: 'probe', payload: 'one' }, Date.now());
      await until(async () => (await meta.jobs.get(first))?.status === 'succeeded', 'job one done');
      assert.ok(lines.some((line) => line.msg.includes('store reachable again')));

      // 3. recording the result and the failure both fail: the job keeps its lease, is claimed again
      //    after it lapses and completes once the store works
      broken.add('complete');
      broken.add('fail');
      const second = await meta.jobs.enqueue({ name: 'probe', payload: 'two' }, Date.now());
      await until(() => runs.filter((run) => run === 'two').length >= 1, 'job two attempted');
      broken.clear();
      await until(async () => (await meta.jobs.get(second))?.status === 'succeeded', 'job two done after recovery');
    } finally {
      await worker.stop();
    }
    assert.ok(runs.includes('one'));
  });
});
