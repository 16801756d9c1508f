import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobHandler } from '../../src/jobs/job.js';
import { adminToken, call, createLibrary, download, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { dropSchema, testStoreEnv, USE_POSTGRES, USE_REDIS, USE_S3 } from '../helpers/test-stores.js';

/** Records which worker ran a job; a second run of the same job is detected and fails loudly. */
const probe: JobHandler = {
  name: 'test-probe',
  async handle(ctx) {
    const owner = await ctx.meta.settings.getOrCreate(`probe-${ctx.job.id}`, ctx.job.lockedBy ?? '');
    if (owner !== ctx.job.lockedBy) {
      throw new Error(`job ${ctx.job.id} ran twice (${owner} and ${ctx.job.lockedBy})`);
    }
    return { ranBy: owner };
  },
};

const enabled = USE_POSTGRES && USE_S3;

describe('two API nodes on one PostgreSQL + S3', { skip: enabled ? false : 'needs OPENSMH_TEST_STORES=postgres,s3' }, () => {
  let a: TestServer;
  let b: TestServer;
  const shared = enabled ? testStoreEnv() : {};
  before(async () => {
    a = await startServer(shared, { jobs: [probe] });
    b = await startServer(shared, { jobs: [probe] });
  });
  after(async () => {
    await a.close();
    await b.close();
    await dropSchema(shared.OPENSMH_DATABASE_SCHEMA);
  });

  it('accepts on one node a token created on the other', async () => {
    const library = await createLibrary(a);
    const token = await adminToken(a, library);
    const made = await call(b, 'PUT', `/api/v1/directory/${library.libraryId}/-/shared${q(token)}`);
    assert.equal(made.status, 201);
    const listed = await call(a, 'GET', `/api/v1/directory/${library.libraryId}/-/${q(token)}`);
    assert.deepEqual(listed.body.contents.map((item: { name: string }) => item.name), ['shared']);
  });

  it('stops a token on every node the moment it is deleted on one', { skip: USE_REDIS ? false : 'needs redis in OPENSMH_TEST_STORES' }, async () => {
    const library = await createLibrary(a);
    const token = await adminToken(a, library);
    // node B caches the token on first use…
    assert.equal((await call(b, 'GET', `/api/v1/directory/${library.libraryId}/-/${q(token)}`)).status, 200);
    assert.equal((await call(a, 'DELETE', `/api/v1/token/${library.libraryId}/${token}`)).status, 204);
    // …and drops it when node A publishes the revocation
    let status = 0;
    for (let i = 0; i < 50; i += 1) {
      status = (await call(b, 'GET', `/api/v1/directory/${library.libraryId}/-/${q(token)}`)).status;
      if (status === 403) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(status, 403);
  });

  it('completes on one node a multipart upload started on the other', async () => {
    const library = await createLibrary(a);
    const token = await adminToken(a, library);
    const init = await call(a, 'POST', `/api/v1/file/${library.libraryId}/-/big.bin${q(token, { multipart: '' })}`);
    assert.equal(init.status, 201);
    const parts = [Buffer.alloc(1024 * 1024, 1), Buffer.from('tail')];
    // part 1 goes to node A, part 2 to node B: the target's signature is valid on both
    for (const [index, server] of [a, b].entries()) {
      const response = await fetch(`${server.url}${init.body.path}?partNumber=${index + 1}&uploadId=${init.body.uploadId}`, {
        method: 'PUT',
        headers: init.body.headers,
        body: new Uint8Array(parts[index] as Buffer),
      });
      assert.equal(response.status, 200);
    }
    const confirmed = await call(b, 'POST', `/api/v1/file/${library.libraryId}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.size, String(1024 * 1024 + 4));
    assert.deepEqual(await download(a, library, token, 'big.bin'), Buffer.concat(parts));
  });

  it('runs every background job exactly once across both nodes', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, () => a.stores.meta.jobs.enqueue({ name: 'test-probe', payload: null }, Date.now())));
    a.app.worker.wake();
    b.app.worker.wake();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await Promise.all(ids.map((id) => a.stores.meta.jobs.get(id)));
      if (jobs.every((job) => job?.status === 'succeeded')) {
        for (const job of jobs) {
          assert.equal(job?.attempts, 1);
        }
        break;
      }
      assert.ok(!jobs.some((job) => job?.status === 'failed'), 'a job failed (ran twice?)');
      assert.ok(Date.now() < deadline, 'jobs did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
