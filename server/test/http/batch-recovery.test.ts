import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LeaseLostError, runBatchTask } from '../../src/jobs/batch-task.js';
import type { JobHandler } from '../../src/jobs/job.js';
import type { TaskPayload } from '../../src/services/task-jobs.js';
import { batchCall, batchServiceFor, waitForJob, waitForTask } from '../helpers/batch-client.js';
import { childNames, dirUrl, listDir, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/**
 * A worker dying mid-task, simulated: stand-in handlers for the built-in task kinds run the real
 * task code but throw inside item `crashAt`'s transaction on the first attempt (after the item's
 * operation and its progress record were written, before the commit). The second attempt waits
 * for `release()` so the state between the two runs can be inspected.
 */
const crashAt = new Map<string, number>();
let release: () => void = () => undefined;
let gate = Promise.resolve();

function crashing(name: string): JobHandler {
  return {
    name,
    async handle(ctx, payload) {
      if (ctx.job.attempts > 1) {
        await gate;
      }
      return runBatchTask(ctx, payload as TaskPayload, batchServiceFor(ctx), {
        beforeCommit(job, index) {
          if (job.attempts === 1 && index === crashAt.get(name)) {
            throw new Error('simulated crash');
          }
        },
      });
    },
  };
}

describe('task re-runs after a crash are idempotent', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    const jobs = ['batch-copy', 'batch-move', 'copy-directory'].map(crashing);
    server = await startServer({ OPENSMH_BATCH_SYNC_ITEMS: '3', OPENSMH_COPY_SYNC_ENTRIES: '4' }, { jobs });
  });
  after(async () => {
    release();
    await server.close();
  });
  const fresh = async () => {
    library = await createLibrary(server);
    token = await adminToken(server, library);
    gate = new Promise((resolve) => {
      release = resolve;
    });
  };
  /** Waits for the first attempt to fail and the job to be queued again. */
  const crashed = (taskId: number) => waitForJob(server, taskId, (job) => job.status === 'queued' && job.attempts === 1);
  /** Lets the second attempt run now rather than after the retry backoff. */
  const rerun = () => {
    release();
    server.clock.advance(10 * 60_000);
  };

  it('copies under rename: items done before the crash are not copied again', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'copies');
    for (let i = 1; i <= 6; i += 1) {
      assert.equal((await uploadFile(server, library, token, `f${i}.txt`, `content ${i}`)).status, 200);
    }
    const before = await spaceSize(server, library, token);
    crashAt.set('batch-copy', 3);
    const items = [1, 2, 3, 4, 5, 6].map((i) => ({ copyFrom: `f${i}.txt`, to: `copies/f${i}.txt`, conflictResolutionStrategy: 'rename' }));
    const submitted = await batchCall(server, library, token, 'copy', items);
    assert.equal(submitted.status, 202);
    const taskId: number = submitted.body.taskId;
    await crashed(taskId);
    // Items 0-2 committed with their record; item 3 rolled back with its own.
    assert.deepEqual(await childNames(server, library, token, 'copies'), ['f1.txt', 'f2.txt', 'f3.txt']);
    const progress = (await server.stores.meta.jobs.get(taskId))?.result as { done: unknown[] };
    assert.equal(progress.done.filter(Boolean).length, 3);
    rerun();
    const task = await waitForTask(server, library, token, taskId);
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(await childNames(server, library, token, 'copies'), ['f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'f5.txt', 'f6.txt']);
    assert.deepEqual(
      task.result.map((item: { path: string[] }) => item.path.join('/')),
      items.map((item) => item.to),
    );
    assert.equal(await spaceSize(server, library, token), 2 * before);
    assert.equal((await server.stores.meta.jobs.get(taskId))?.attempts, 2);
  });

  it('never shows a half-moved directory, and does not re-move items moved before the crash', async () => {
    await fresh();
    for (const dir of ['d1', 'd2', 'd3', 'd4']) {
      await mkdirOk(server, library, token, `${dir}/inner`);
      assert.equal((await uploadFile(server, library, token, `${dir}/inner/file.txt`, dir)).status, 200);
    }
    crashAt.set('batch-move', 1);
    const items = ['d1', 'd2', 'd3', 'd4'].map((dir) => ({ from: dir, to: `moved/${dir}`, conflictResolutionStrategy: 'ask' }));
    const submitted = await batchCall(server, library, token, 'move', items);
    assert.equal(submitted.status, 202);
    await crashed(submitted.body.taskId);
    // d2's move ran up to the commit, then rolled back as a whole.
    assert.deepEqual(await childNames(server, library, token, 'moved'), ['d1']);
    assert.deepEqual(await childNames(server, library, token, 'd2/inner'), ['file.txt']);
    assertSmhError(await listDir(server, library, token, 'moved/d2'), 404, 'DirectoryNotFound');
    rerun();
    const task = await waitForTask(server, library, token, submitted.body.taskId);
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(task.result.map((item: { status: number }) => item.status), [204, 204, 204, 204]);
    assert.deepEqual(await childNames(server, library, token, ''), ['moved']);
    assert.deepEqual(await childNames(server, library, token, 'moved/d4/inner'), ['file.txt']);
  });

  it('a directory copy (D7) that crashed leaves nothing, and its re-run copies once', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'big/a/b');
    await mkdirOk(server, library, token, 'big/c');
    assert.equal((await uploadFile(server, library, token, 'big/a/b/x.txt', 'x')).status, 200);
    await mkdirOk(server, library, token, 'copy');
    crashAt.set('copy-directory', 0);
    const submitted = await call(server, 'PUT', dirUrl(library, 'copy', token, { conflict_resolution_strategy: 'rename' }), { body: { copyFrom: 'big' } });
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    await crashed(submitted.body.taskId);
    assert.deepEqual(await childNames(server, library, token, ''), ['big', 'copy']);
    rerun();
    const task = await waitForTask(server, library, token, submitted.body.taskId);
    assert.deepEqual(task, { taskId: submitted.body.taskId, id: submitted.body.taskId, status: 200, result: { path: ['copy (1)'] } });
    assert.deepEqual(await childNames(server, library, token, ''), ['big', 'copy', 'copy (1)']);
    assert.deepEqual(await childNames(server, library, token, 'copy (1)/a/b'), ['x.txt']);
  });

  it('a worker that lost its lease cannot apply another item', async () => {
    await fresh();
    assert.equal((await uploadFile(server, library, token, 'one.txt', '1')).status, 200);
    const meta = server.stores.meta;
    const later = server.clock.now() + 3_600_000;
    const payload: TaskPayload = {
      actor: { kind: 'token', spaceIds: null, grants: ['admin'], userId: '' },
      request: { kind: 'copy', items: [{ from: 'one.txt', to: 'two.txt' }] },
    };
    // Due only in an hour, so the server's own worker leaves it alone.
    const id = await meta.jobs.enqueue({ name: 'batch-copy', payload, libraryId: library.libraryId, spaceId: '-', runAt: later }, server.clock.now());
    const ghost = await meta.jobs.claim('ghost', later, 1_000, ['batch-copy']);
    assert.equal(ghost?.id, id);
    assert.equal((await meta.jobs.claim('usurper', later + 2_000, 60_000, ['batch-copy']))?.id, id);
    const ctx = { meta, blob: server.stores.blob, clock: server.clock, log: server.app.log, job: ghost, signal: new AbortController().signal };
    await assert.rejects(runBatchTask(ctx, payload, batchServiceFor(ctx)), LeaseLostError);
    assert.deepEqual(await childNames(server, library, token, ''), ['one.txt']);
    assert.equal((await meta.jobs.get(id))?.lockedBy, 'usurper');
  });
});
