import type { FastifyInstance } from 'fastify';
import { gauge } from '../../ops/metrics-registry.js';
import type { Operations } from '../../ops/operations.js';

const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function lengthOf(value: unknown): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * Operations endpoints: `/healthz` (the process answers), `/readyz` (metadata DB, blob store and
 * coordinator reachable; 503 naming the failing one otherwise) and `/metrics` (Prometheus text).
 * Request metrics use the route pattern, never the raw URL, so ids and tokens never become labels.
 */
export function registerOperations(app: FastifyInstance, ops: Operations): void {
  const started = process.hrtime.bigint();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    ops.requests.inc(labels);
    ops.duration.observe({ method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
    const bytesIn = lengthOf(request.headers['content-length']);
    if (bytesIn > 0) {
      ops.bytesIn.inc({ route }, bytesIn);
    }
    const bytesOut = request.method === 'HEAD' ? 0 : lengthOf(reply.getHeader('content-length'));
    if (bytesOut > 0) {
      ops.bytesOut.inc({ route }, bytesOut);
    }
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const { meta, coord } = ops.stores;
    const checks: Record<string, string> = {};
    const probe = async (name: string, run: () => Promise<unknown>) => {
      try {
        await withTimeout(run(), name);
        checks[name] = 'ok';
      } catch (error) {
        checks[name] = error instanceof Error ? error.message : String(error);
      }
    };
    await Promise.all([
      probe('meta', () => meta.ops.stats()),
      probe('blob', () => ops.blob.stat('readyz-probe')),
      probe('coord', () => coord.hit('opensmh:readyz', Number.MAX_SAFE_INTEGER, 1000)),
    ]);
    const ready = Object.values(checks).every((value) => value === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });

  app.get('/metrics', async (_request, reply) => {
    const stats = await ops.stores.meta.ops.stats();
    const now = Date.now();
    const memory = process.memoryUsage();
    const lines = [
      ...ops.requests.render(),
      ...ops.duration.render(),
      ...ops.bytesIn.render(),
      ...ops.bytesOut.render(),
      ...ops.blobErrors.render(),
      ...gauge('opensmh_uploads_pending', 'Upload tasks initiated and not yet confirmed.', [{ value: stats.uploadsPending }]),
      ...gauge('opensmh_jobs', 'Background jobs by state.', [
        { labels: { state: 'queued' }, value: stats.jobsQueued },
        { labels: { state: 'running' }, value: stats.jobsRunning },
      ]),
      ...gauge('opensmh_jobs_oldest_queued_age_seconds', 'Age of the oldest queued job (0 when the queue is empty).', [
        { value: stats.oldestQueuedAt === null ? 0 : Math.max(0, (now - stats.oldestQueuedAt) / 1000) },
      ]),
      ...gauge('opensmh_meta_store_info', 'Metadata store in use (SQLite has no connection pool to report).', [{ labels: { dialect: ops.stores.meta.dialect }, value: 1 }]),
      ...gauge('opensmh_process_resident_memory_bytes', 'Resident set size.', [{ value: memory.rss }]),
      ...gauge('opensmh_process_uptime_seconds', 'Seconds since the app was built.', [{ value: Number(process.hrtime.bigint() - started) / 1e9 }]),
    ];
    return reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(`${lines.join('\n')}\n`);
  });
}
