import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TaskPayload } from '../../src/services/task-jobs.js';
import { batchCall, queryTasks, taskResult, waitForJob, waitForTask } from '../helpers/batch-client.js';
import { adminToken, assertSmhError, call, createLibrary, createSpace, createToken, type Library, makeDirectory, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('task API (T1–T4)', () => {
  let server: TestServer;
  before(async () => {
    // Two items are enough to make a task.
    server = await startServer({ OPENSMH_BATCH_SYNC_ITEMS: '1' });
  });
  after(async () => {
    await server.close();
  });

  /** A multi-tenant library; alice (space A, copy_file) submits a two-item copy task in space A. */
  const aliceTask = async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, library);
    const spaceA = await createSpace(server, library, admin);
    const spaceB = await createSpace(server, library, admin);
    const token = (user: string, grant: string, spaces: string) => createToken(server, library, { user_id: user, grant, space_id: spaces });
    const alice = await token('alice', 'copy_file', spaceA);
    await makeDirectory(server, library, admin, 'docs', spaceA);
    assert.equal((await uploadFile(server, library, admin, 'docs/a.txt', 'a', { space: spaceA })).status, 200);
    const items = [{ copyFrom: 'docs/a.txt', to: 'docs/b.txt' }, { copyFrom: 'docs/a.txt', to: 'docs/c.txt' }];
    const submitted = await batchCall(server, library, alice, 'copy', items, spaceA);
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    const taskId: number = submitted.body.taskId;
    await waitForTask(server, library, alice, taskId, spaceA);
    return { library, admin, spaceA, spaceB, alice, token, taskId };
  };

  it('T1 answers an array of {taskId, status, result}, one per id, in the order asked', async () => {
    const { library, spaceA, alice, taskId } = await aliceTask();
    const response = await queryTasks(server, library, alice, `${taskId}`, spaceA);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, [
      {
        taskId,
        id: taskId,
        status: 200,
        result: [
          { status: 200, copyFrom: ['docs', 'a.txt'], to: ['docs', 'b.txt'], path: ['docs', 'b.txt'] },
          { status: 200, copyFrom: ['docs', 'a.txt'], to: ['docs', 'c.txt'], path: ['docs', 'c.txt'] },
        ],
      },
    ]);
    const twice = await queryTasks(server, library, alice, `${taskId}, ${taskId}`, spaceA);
    assert.equal(twice.body.length, 2);
  });

  it('shows a task only in its own library and space', async () => {
    const { library, admin, spaceA, spaceB, token, taskId } = await aliceTask();
    assertSmhError(await queryTasks(server, library, admin, `${taskId}`, spaceB), 404, 'TaskNotFound');
    assertSmhError(await taskResult(server, library, admin, taskId, spaceB), 404, 'TaskNotFound');
    const other = await createLibrary(server);
    const otherAdmin = await adminToken(server, other);
    assertSmhError(await queryTasks(server, other, otherAdmin, `${taskId}`), 404, 'TaskNotFound');
    assertSmhError(await queryTasks(server, other, otherAdmin, `${taskId}`, null), 404, 'TaskNotFound');
    assertSmhError(await taskResult(server, other, otherAdmin, taskId, null), 404, 'TaskNotFound');
    // alice's own user, but a token for space B only: refused in A, not found at library level
    const aliceInB = await token('alice', 'copy_file', spaceB);
    assertSmhError(await queryTasks(server, library, aliceInB, `${taskId}`, spaceA), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await queryTasks(server, library, aliceInB, `${taskId}`, null), 404, 'TaskNotFound');
    assertSmhError(await queryTasks(server, library, admin, `${taskId},999999999`, spaceA), 404, 'TaskNotFound');
  });

  it('shows other users\' tasks to admin and space_admin credentials only', async () => {
    const { library, admin, spaceA, token, taskId } = await aliceTask();
    const bob = await token('bob', 'copy_file', spaceA);
    assertSmhError(await queryTasks(server, library, bob, `${taskId}`, spaceA), 403, 'NoPermissionToOtherUserTask');
    assertSmhError(await taskResult(server, library, bob, taskId, null), 403, 'NoPermissionToOtherUserTask');
    const sam = await token('sam', 'space_admin', spaceA);
    assert.equal((await queryTasks(server, library, sam, `${taskId}`, spaceA)).status, 200);
    assert.equal((await queryTasks(server, library, admin, `${taskId}`, spaceA)).status, 200);
    assert.equal((await queryTasks(server, library, admin, `${taskId}`, null)).status, 200);
  });

  it('T2/T4 find space tasks at library level; T3/T4 mirror the status in HTTP', async () => {
    const { library, spaceA, alice, taskId } = await aliceTask();
    const t2 = await queryTasks(server, library, alice, `${taskId}`, null);
    assert.equal(t2.status, 200);
    assert.equal(t2.body[0].status, 200);
    const t3 = await taskResult(server, library, alice, taskId, spaceA);
    assert.equal(t3.status, 200);
    assert.deepEqual(Object.keys(t3.body), ['taskId', 'taskType', 'status', 'batchCopyResults']);
    assert.equal(t3.body.taskId, String(taskId));
    assert.deepEqual(await taskResult(server, library, alice, taskId, null).then((r) => r.body), t3.body);
  });

  it('refuses malformed id lists and callers without a token', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    for (const ids of ['abc', '0', '1,,2', '-1', '1.5', Array.from({ length: 101 }, (_, i) => i + 1).join(',')]) {
      assertSmhError(await queryTasks(server, library, token, ids), 400, 'ParamInvalid');
    }
    assertSmhError(await call(server, 'GET', `/api/v1/task-result/${library.libraryId}/-/1,2?access_token=${token}`), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'GET', `/api/v1/task/${library.libraryId}/-/1`), 400, 'EmptyAccessToken');
    // a job that is not a task (a background sweep, say) is not one to the task API
    const jobId = await server.stores.meta.jobs.enqueue({ name: 'not-a-task', payload: null, libraryId: library.libraryId, spaceId: '-' }, server.clock.now());
    assertSmhError(await queryTasks(server, library, token, `${jobId}`), 404, 'TaskNotFound');
  });

  describe('task states', () => {
    let library: Library;
    let token: string;
    const payload = (items: unknown): TaskPayload => ({
      actor: { kind: 'token', spaceIds: null, grants: ['admin'], userId: '' },
      request: { kind: 'copy', items } as TaskPayload['request'],
    });
    before(async () => {
      library = await createLibrary(server);
      token = await adminToken(server, library);
      assert.equal((await uploadFile(server, library, token, 'a.txt', 'a')).status, 200);
    });

    it('202 while queued or running, then the result', async () => {
      const later = server.clock.now() + 60_000;
      const items = [{ from: 'a.txt', to: 'b.txt' }];
      const id = await server.stores.meta.jobs.enqueue(
        { name: 'batch-copy', payload: payload(items), libraryId: library.libraryId, spaceId: '-', runAt: later },
        server.clock.now(),
      );
      assert.deepEqual((await queryTasks(server, library, token, `${id}`)).body, [{ taskId: id, id, status: 202 }]);
      const running = await taskResult(server, library, token, id);
      assert.equal(running.status, 202);
      assert.deepEqual(running.body, { taskId: String(id), taskType: 'batchCopy', status: 202 });
      server.clock.advance(61_000);
      const done = await waitForTask(server, library, token, id);
      assert.equal(done.status, 200);
      assert.equal((await taskResult(server, library, token, id)).status, 200);
    });

    it('500 without a result once the job failed for good', async () => {
      const id = await server.stores.meta.jobs.enqueue(
        { name: 'batch-copy', payload: payload(null), libraryId: library.libraryId, spaceId: '-', maxAttempts: 1 },
        server.clock.now(),
      );
      await waitForJob(server, id, (job) => job.status === 'failed');
      assert.deepEqual((await queryTasks(server, library, token, `${id}`)).body, [{ taskId: id, id, status: 500 }]);
      const failed = await taskResult(server, library, token, id);
      assert.equal(failed.status, 500);
      assert.deepEqual(failed.body, { taskId: String(id), taskType: 'batchCopy', status: 500 });
    });

    it('forgets finished tasks after 30 days (the retention sweep)', async () => {
      const items = [{ from: 'a.txt', to: 'c.txt' }];
      const id = await server.stores.meta.jobs.enqueue({ name: 'batch-copy', payload: payload(items), libraryId: library.libraryId, spaceId: '-' }, server.clock.now());
      assert.equal((await waitForTask(server, library, token, id)).status, 200);
      const day = 24 * 3600 * 1000;
      // what the forget-old-tasks sweep does, 29 and then 31 days on
      await server.stores.meta.jobs.deleteFinishedBefore(server.clock.now() + 29 * day - 30 * day);
      assert.equal((await queryTasks(server, library, token, `${id}`)).status, 200);
      await server.stores.meta.jobs.deleteFinishedBefore(server.clock.now() + 31 * day - 30 * day);
      assertSmhError(await queryTasks(server, library, token, `${id}`), 404, 'TaskNotFound');
    });
  });
});
