import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitForTask } from '../helpers/batch-client.js';
import { dirUrl, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('directory statistics calibration (dirs.md D12)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'd/e');
    assert.equal((await uploadFile(server, library, token, 'd/a.txt', 'abc')).status, 200);
    assert.equal((await uploadFile(server, library, token, 'd/e/b.txt', 'defgh')).status, 200);
  });
  after(async () => {
    await server.close();
  });
  const calibrate = (path: string, extra: Record<string, string> = { stats_type: 'normal' }, as = token) =>
    call(server, 'PUT', dirUrl(library, path, as, { calibrate: '1', ...extra }));

  it('answers 202 {taskId}; the task recounts what D11 reports', async () => {
    const started = await calibrate('d');
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(typeof started.body.taskId, 'number');
    const task = await waitForTask(server, library, token, started.body.taskId);
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(task.result, { status: 200, code: 'Success', statsType: 'normal', storage: 8, fileCount: 2, dirCount: 1 });
    const stats = await call(server, 'GET', dirUrl(library, 'd', token, { stats: '1', stats_type: 'normal' }));
    assert.deepEqual([stats.body.storage, stats.body.fileCount, stats.body.dirCount], [8, 2, 1]);
    const v2 = await call(server, 'GET', `/api/v1/task-result/${library.libraryId}/-/${started.body.taskId}${q(token)}`);
    assert.equal(v2.status, 200);
    assert.equal(v2.body.taskType, 'calibrateDirectoryStats');
    assert.equal(v2.body.result.fileCount, 2);
    const root = await calibrate('');
    assert.equal((await waitForTask(server, library, token, root.body.taskId)).result.fileCount, 2);
  });

  it('never creates the directory it is asked about, and refuses bad input', async () => {
    assertSmhError(await calibrate('nope'), 404, 'DirectoryNotFound');
    assertSmhError(await calibrate('d/a.txt'), 404, 'DirectoryNotFound');
    assertSmhError(await calibrate('d', { stats_type: 'sideways' }), 400, 'InvalidDirectoryStatsType');
    assertSmhError(await calibrate('d', { stats_type: 'history' }), 400, 'InvalidDirectoryStatsType');
    const plain = await createToken(server, library, { grant: 'create_directory' });
    assertSmhError(await calibrate('d', { stats_type: 'normal' }, plain), 403, 'NoPermission');
    const listed = await call(server, 'GET', dirUrl(library, '', token));
    assert.deepEqual(
      listed.body.contents.map((item: { name: string }) => item.name),
      ['d'],
    );
  });
});
