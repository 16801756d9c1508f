import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { taskResult, waitForTask } from '../helpers/batch-client.js';
import { childNames, dirUrl, spaceSize } from '../helpers/entry-client.js';
import {
  adminToken,
  assertSmhError,
  call,
  createLibrary,
  createSpace,
  createToken,
  download,
  encodePath,
  type Library,
  makeDirectory,
  q,
  uploadFile,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Trees of more than 3 entries are copied as tasks. */
const ENV = { OPENSMH_COPY_SYNC_ENTRIES: '3' };

describe('directory copy as a task (D7) and across spaces (D8)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(ENV);
  });
  after(async () => {
    await server.close();
  });

  /** big/{a/x.txt, b} = 4 entries; small/ = 1 entry */
  const seeded = async (library: Library, token: string, space = '-') => {
    await makeDirectory(server, library, token, 'big/a', space);
    await makeDirectory(server, library, token, 'big/b', space);
    await makeDirectory(server, library, token, 'small', space);
    assert.equal((await uploadFile(server, library, token, 'big/a/x.txt', 'xx', { space })).status, 200);
  };

  describe('D7', () => {
    let library: Library;
    let token: string;
    before(async () => {
      library = await createLibrary(server);
      token = await adminToken(server, library);
      await seeded(library, token);
    });
    const copy = (target: string, copyFrom: unknown, extra: Record<string, string> = {}, as = token) =>
      call(server, 'PUT', dirUrl(library, target, as, extra), { body: { copyFrom } });

    it('copies a small tree at once (204) and a large one as a task with result {path}', async () => {
      assert.equal((await copy('small-copy', 'small')).status, 204);
      const accepted = await copy('big-copy', 'big');
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const task = await waitForTask(server, library, token, accepted.body.taskId);
      assert.deepEqual(task, { taskId: accepted.body.taskId, id: accepted.body.taskId, status: 200, result: { path: ['big-copy'] } });
      assert.equal((await download(server, library, token, 'big-copy/a/x.txt')).toString(), 'xx');
      const v2 = await taskResult(server, library, token, accepted.body.taskId);
      assert.deepEqual(v2.body.batchCopyResults, [{ status: 204, copyFrom: ['big'], to: ['big-copy'], path: ['big-copy'] }]);
    });

    it('reports in the task what only the copy finds: a clash under ask, a rename under rename', async () => {
      const clash = await copy('big-copy', 'big');
      assert.equal(clash.status, 202);
      const failed = await waitForTask(server, library, token, clash.body.taskId);
      assert.equal(failed.status, 400);
      assert.equal(failed.result.status, 409);
      assert.equal(failed.result.code, 'SameNameDirectoryOrFileExists');
      const renamed = await copy('big-copy', 'big', { conflict_resolution_strategy: 'rename' });
      assert.deepEqual((await waitForTask(server, library, token, renamed.body.taskId)).result, { path: ['big-copy (1)'] });
    });

    it('checks grants and the source before queueing anything', async () => {
      const reader = await createToken(server, library);
      assertSmhError(await copy('nope', 'big', {}, reader), 403, 'NoPermission');
      assertSmhError(await copy('nope', 'missing'), 404, 'SourceDirectoryNotFound');
      assertSmhError(await copy('nope', 'big', { conflict_resolution_strategy: 'overwrite' }), 400, 'InvalidConflictResolutionStrategy');
      const copier = await createToken(server, library, { grant: 'copy_directory', user_id: 'dan' });
      const accepted = await copy('dans-copy', 'big', {}, copier);
      assert.equal(accepted.status, 202);
      assert.equal((await waitForTask(server, library, copier, accepted.body.taskId)).status, 200);
      assert.ok((await childNames(server, library, token, '')).includes('dans-copy'));
    });
  });

  describe('D8', () => {
    let library: Library;
    let admin: string;
    let spaceA: string;
    let spaceB: string;
    before(async () => {
      library = await createLibrary(server, { IsMultiSpace: true });
      admin = await adminToken(server, library);
      spaceA = await createSpace(server, library, admin);
      spaceB = await createSpace(server, library, admin);
      await seeded(library, admin, spaceA);
    });
    const crossCopy = (target: string, body: unknown, extra: Record<string, string> = {}, as = admin) =>
      call(server, 'PUT', `/api/v1/cross-space/directory/${library.libraryId}/${spaceB}/copy/${encodePath(target)}${q(as, extra)}`, { body });

    it('copies a small tree at once (200 {path}) and a large one as a task', async () => {
      const small = await crossCopy('from-a/small', { copyFrom: 'small', copyFromSpaceId: spaceA });
      assert.equal(small.status, 200, JSON.stringify(small.body));
      assert.deepEqual(small.body, { path: ['from-a', 'small'] });
      const big = await crossCopy('from-a/big', { copyFrom: 'big', copyFromSpaceId: spaceA });
      assert.equal(big.status, 202, JSON.stringify(big.body));
      const task = await waitForTask(server, library, admin, big.body.taskId, spaceB);
      assert.deepEqual(task.result, { path: ['from-a', 'big'] });
      assert.equal((await download(server, library, admin, 'from-a/big/a/x.txt', spaceB)).toString(), 'xx');
      assert.equal(await spaceSize(server, library, admin, spaceB), 2);
      const again = await crossCopy('from-a/small', { copyFrom: 'small', copyFromSpaceId: spaceA }, { conflict_resolution_strategy: 'rename' });
      assert.deepEqual(again.body, { path: ['from-a', 'small (1)'] });
    });

    it('refuses a missing copyFromSpaceId, missing grants or spaces, and a missing source', async () => {
      assertSmhError(await crossCopy('x', { copyFrom: 'small' }), 400, 'ParamInvalid');
      assertSmhError(await crossCopy('x', { copyFrom: 'nowhere', copyFromSpaceId: spaceA }), 404, 'SourceDirectoryNotFound');
      assertSmhError(await crossCopy('x', { copyFrom: 'small', copyFromSpaceId: 'nosuchspace' }), 404, 'SpaceNotFound');
      const copier = await createToken(server, library, { grant: 'copy_directory', space_id: `${spaceA},${spaceB}` });
      assertSmhError(await crossCopy('x', { copyFrom: 'small', copyFromSpaceId: spaceA }, {}, copier), 403, 'NoPermission');
      const onlyB = await createToken(server, library, { grant: 'space_admin', space_id: spaceB });
      assertSmhError(await crossCopy('x', { copyFrom: 'big', copyFromSpaceId: spaceA }, {}, onlyB), 403, 'AccessTokenNotMatchSpace');
      const both = await createToken(server, library, { grant: 'space_admin', space_id: `${spaceA},${spaceB}` });
      assert.equal((await crossCopy('by-space-admin', { copyFrom: 'small', copyFromSpaceId: spaceA }, {}, both)).status, 200);
    });
  });
});

