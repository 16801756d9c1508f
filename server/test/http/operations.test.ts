import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { adminToken, call, createLibrary, initiateUpload, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict parser of the Prometheus text format: every line is a comment or `name{labels} value`. */
function parseMetrics(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') {
      continue;
    }
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    if (line.startsWith('# HELP ')) {
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+]+|\+Inf|NaN)$/.exec(line);
    assert.ok(match, `not a metric line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = pair[2] as string;
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

describe('operations endpoints', () => {
  let server: TestServer;
  let log = '';
  before(async () => {
    const stream = new Writable({
      write(chunk, _encoding, next) {
        log += chunk.toString();
        next();
      },
    });
    server = await startServer({}, { logStream: stream });
  });
  after(async () => {
    await server.close();
  });

  it('/healthz answers and /readyz checks every store', async () => {
    const health = await call(server, 'GET', '/healthz');
    assert.equal(health.status, 200);
    const ready = await call(server, 'GET', '/readyz');
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    assert.deepEqual(ready.body, { status: 'ready', checks: { meta: 'ok', blob: 'ok', coord: 'ok' } });
  });

  it('/metrics is Prometheus text with request counts, latency, bytes, pending uploads and jobs', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assert.equal((await uploadFile(server, library, token, 'm.txt', 'x'.repeat(5000))).status, 200);
    assert.equal((await initiateUpload(server, library, token, 'pending.txt')).status, 201);
    assert.equal((await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/nope.txt?access_token=${token}`)).status, 404);
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.ok(!text.includes(token) && !text.includes(library.libraryId), 'ids and tokens never become labels');
    const { samples, types } = parseMetrics(text);
    const find = (name: string, labels: Record<string, string> = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
    assert.equal(types.get('opensmh_http_requests_total'), 'counter');
    assert.equal(types.get('opensmh_http_request_duration_seconds'), 'histogram');
    const fileRoute = '/api/v1/file/:libraryId/:spaceId/*';
    assert.ok((find('opensmh_http_requests_total', { route: fileRoute, method: 'PUT', status: '201' })[0]?.value ?? 0) >= 2);
    assert.equal(find('opensmh_http_requests_total', { route: fileRoute, method: 'GET', status: '404' })[0]?.value, 1);
    const buckets = find('opensmh_http_request_duration_seconds_bucket', { route: fileRoute, method: 'PUT', status: '2xx' });
    assert.ok(buckets.length > 1);
    for (let i = 1; i < buckets.length; i += 1) {
      assert.ok((buckets[i] as Sample).value >= (buckets[i - 1] as Sample).value, 'buckets are cumulative');
    }
    assert.equal(buckets.at(-1)?.labels.le, '+Inf');
    assert.equal(buckets.at(-1)?.value, find('opensmh_http_request_duration_seconds_count', { route: fileRoute, method: 'PUT', status: '2xx' })[0]?.value);
    const received = find('opensmh_http_request_bytes_total').reduce((sum, s) => sum + s.value, 0);
    assert.ok(received >= 5000, `bytes in ${received}`);
    assert.ok(find('opensmh_http_response_bytes_total').length > 0);
    assert.ok((find('opensmh_uploads_pending')[0]?.value ?? 0) >= 1);
    assert.equal(find('opensmh_jobs', { state: 'queued' }).length, 1);
    assert.equal(find('opensmh_jobs_oldest_queued_age_seconds').length, 1);
    assert.equal(types.get('opensmh_blob_store_errors_total'), 'counter');
  });

  it('every request log line carries the request id', async () => {
    await call(server, 'GET', '/api/v1/directory/nolib/-/x?access_token=bad');
    const lines = log.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { reqId?: string; req?: unknown; res?: unknown; msg?: string });
    const requestLines = lines.filter((line) => line.req !== undefined || line.res !== undefined);
    assert.ok(requestLines.length > 0);
    for (const line of requestLines) {
      assert.match(line.reqId ?? '', /^[0-9a-f]+$/, JSON.stringify(line));
    }
  });
});
