import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { batchCall, taskResult, waitForTask } from '../helpers/batch-client.js';
import { childNames, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, createLibrary, createToken, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Thresholds lowered so small fixtures take the task path: > 3 items, or > 4 tree entries. */
const ENV = { OPENSMH_BATCH_SYNC_ITEMS: '3', OPENSMH_COPY_SYNC_ENTRIES: '4' };

describe('large batches run as tasks (202 {taskId}, then T1/T3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(ENV);
  });
  after(async () => {
    await server.close();
  });

  /** f1..f5.txt in the root, and tree/{d1/x.txt, d2/y.txt} (5 entries) */
  const seeded = async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    for (let i = 1; i <= 5; i += 1) {
      assert.equal((await uploadFile(server, library, token, `f${i}.txt`, `file ${i}`)).status, 200);
    }
    await mkdirOk(server, library, token, 'tree/d1');
    await mkdirOk(server, library, token, 'tree/d2');
    for (const path of ['tree/d1/x.txt', 'tree/d2/y.txt']) {
      assert.equal((await uploadFile(server, library, token, path, path)).status, 200);
    }
    return { library, token };
  };
  const accepted = async (response: { status: number; body: any }): Promise<number> => {
    assert.equal(response.status, 202, JSON.stringify(response.body));
    assert.deepEqual(Object.keys(response.body), ['taskId']);
    assert.ok(Number.isInteger(response.body.taskId));
    return response.body.taskId;
  };

  it('copies many items in a task whose result is the synchronous per-item array', async () => {
    const { library, token } = await seeded();
    const items = [1, 2, 3, 4, 5].map((i) => ({ copyFrom: `f${i}.txt`, to: `copies/f${i}.txt` }));
    await mkdirOk(server, library, token, 'copies');
    const taskId = await accepted(await batchCall(server, library, token, 'copy', [...items, { copyFrom: 'nope.txt', to: 'copies/nope.txt' }]));
    const task = await waitForTask(server, library, token, taskId);
    assert.equal(task.taskId, taskId);
    assert.equal(task.status, 207);
    assert.equal(task.result.length, 6);
    assert.deepEqual(task.result[0], { status: 200, copyFrom: ['f1.txt'], to: ['copies', 'f1.txt'], path: ['copies', 'f1.txt'] });
    assert.equal(task.result[5].code, 'SourceFileNotFound');
    assert.deepEqual(await childNames(server, library, token, 'copies'), ['f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'f5.txt']);
    const v2 = await taskResult(server, library, token, taskId);
    assert.equal(v2.status, 207);
    assert.deepEqual(v2.body, { taskId: String(taskId), taskType: 'batchCopy', status: 207, batchCopyResults: task.result });
  });

  it('deletes many items in a task (status 200 when all succeed)', async () => {
    const { library, token } = await seeded();
    const taskId = await accepted(await batchCall(server, library, token, 'delete', [1, 2, 3, 4].map((i) => ({ path: `f${i}.txt` }))));
    const task = await waitForTask(server, library, token, taskId);
    assert.equal(task.status, 200);
    assert.deepEqual(task.result[3], { status: 204, path: ['f4.txt'] });
    assert.deepEqual(await childNames(server, library, token, ''), ['tree', 'f5.txt']);
    const v2 = await taskResult(server, library, token, taskId);
    assert.equal(v2.status, 200);
    assert.equal(v2.body.taskType, 'batchDelete');
    assert.equal(v2.body.batchDeleteResults.length, 4);
  });

  it('moves many items in a task; status 400 when every item failed', async () => {
    const { library, token } = await seeded();
    const moved = await accepted(await batchCall(server, library, token, 'move', [1, 2, 3, 4].map((i) => ({ from: `f${i}.txt`, to: `tree/f${i}.txt` }))));
    assert.equal((await waitForTask(server, library, token, moved)).status, 200);
    assert.deepEqual(await childNames(server, library, token, 'tree'), ['d1', 'd2', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt']);
    const failing = await accepted(await batchCall(server, library, token, 'move', [1, 2, 3, 4].map((i) => ({ from: `f${i}.txt`, to: `g${i}.txt` }))));
    const task = await waitForTask(server, library, token, failing);
    assert.equal(task.status, 400);
    assert.ok(task.result.every((item: { code: string }) => item.code === 'SourceFileNotFound'));
    const v2 = await taskResult(server, library, token, failing);
    assert.equal(v2.status, 400);
    assert.equal(v2.body.taskType, 'batchMove');
  });

  it('copies or deletes a big tree as a task even in a short batch; moving it stays synchronous', async () => {
    const { library, token } = await seeded();
    const copied = await accepted(await batchCall(server, library, token, 'copy', [{ copyFrom: 'tree', to: 'tree2' }]));
    const task = await waitForTask(server, library, token, copied);
    assert.deepEqual(task.result, [{ status: 204, copyFrom: ['tree'], to: ['tree2'], path: ['tree2'] }]);
    assert.deepEqual(await childNames(server, library, token, 'tree2/d2'), ['y.txt']);
    // a move is one statement whatever the size of the tree
    const move = await batchCall(server, library, token, 'move', [{ from: 'tree2', to: 'tree3' }]);
    assert.equal(move.status, 200, JSON.stringify(move.body));
    const size = await spaceSize(server, library, token);
    const deleted = await accepted(await batchCall(server, library, token, 'delete', [{ path: 'tree3' }]));
    assert.equal((await waitForTask(server, library, token, deleted)).status, 200);
    assert.equal(await spaceSize(server, library, token), size - 'tree/d1/x.txt'.length - 'tree/d2/y.txt'.length);
  });

  it('runs a task with the grants of its submitter: items it may not do fail in the result', async () => {
    const { library, token } = await seeded();
    const copier = await createToken(server, library, { grant: 'copy_file', user_id: 'carol' });
    const items = [{ copyFrom: 'tree', to: 'x' }, ...[1, 2, 3].map((i) => ({ copyFrom: `f${i}.txt`, to: `c${i}.txt` }))];
    const taskId = await accepted(await batchCall(server, library, copier, 'copy', items));
    const task = await waitForTask(server, library, copier, taskId);
    assert.equal(task.status, 207);
    assert.deepEqual(task.result.map((item: { status: number }) => item.status), [403, 200, 200, 200]);
    const job = await server.stores.meta.jobs.get(taskId);
    assert.equal(job?.userId, 'carol');
    assert.deepEqual(await childNames(server, library, token, '', { filter: 'onlyDir' }), ['tree']);
  });
});

