import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../helpers/recycle-client.js';
import { adminCall, adminToken, assertSmhError, call, createLibrary, createToken, type Library, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount, historyLibrary, libraryHistoryUrl, put, spaceSize, versionIds } from '../helpers/version-client.js';

/** H4–H6: the library's history settings and clearing all history (files.md §9.5–9.7, dirs.md §7 T4). */
describe('historical versions: library config (H4, H5) and clearing (H6)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const getConfig = (library: Library, token: string) => call(server, 'GET', libraryHistoryUrl(library, token));
  const setConfig = (library: Library, token: string, body: unknown) => call(server, 'POST', libraryHistoryUrl(library, token), { body });
  const clear = (library: Library, token: string) => call(server, 'DELETE', libraryHistoryUrl(library, token));

  it('H4 shows only enableFileHistory while off, and every field once on', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assert.deepEqual((await getConfig(library, token)).body, { enableFileHistory: false });
    const on = await setConfig(library, token, { enableFileHistory: true, fileHistoryCount: 5, fileHistoryExpireDay: 30, mergeInterval: 10 });
    assert.equal(on.status, 204, JSON.stringify(on.body));
    assert.deepEqual((await getConfig(library, token)).body, { enableFileHistory: true, fileHistoryCount: 5, fileHistoryExpireDay: 30, mergeInterval: 10 });
    // Partial update: only the count changes.
    assert.equal((await setConfig(library, token, { fileHistoryCount: '7' })).status, 204);
    assert.equal((await getConfig(library, token)).body.fileHistoryCount, 7);
    // The control plane sees the same settings.
    const control = await adminCall(server, 'GET', `/admin/v1/library/${library.libraryId}`);
    assert.equal(control.status, 200, JSON.stringify(control.body));
    assert.equal(control.body.LibraryExtension.FileHistoryCount, 7);
    assert.equal(control.body.LibraryExtension.FileHistoryMergeInterval, 10);
  });

  it('H5 validates with SMH codes and needs count and expiry the first time', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assertSmhError(await setConfig(library, token, { enableFileHistory: true }), 400, 'InvalidFileHistoryCount');
    assertSmhError(await setConfig(library, token, { enableFileHistory: true, fileHistoryCount: 3 }), 400, 'InvalidFileHistoryExpireDay');
    for (const count of [0, 1000, 2.5, 'x', -1]) {
      assertSmhError(await setConfig(library, token, { fileHistoryCount: count }), 400, 'InvalidFileHistoryCount');
    }
    for (const days of [-1, 1000, 'soon']) {
      assertSmhError(await setConfig(library, token, { fileHistoryExpireDay: days }), 400, 'InvalidFileHistoryExpireDay');
    }
    for (const interval of [1, 4, 601, 'x']) {
      assertSmhError(await setConfig(library, token, { mergeInterval: interval }), 400, 'InvalidFileHistoryMergeInterval');
    }
    assertSmhError(await setConfig(library, token, { enableFileHistory: 'yes' }), 400, 'ParamInvalid');
    assertSmhError(await setConfig(library, token, [1]), 400, 'ParamInvalid');
    for (const interval of [0, 5, 600]) {
      assert.equal((await setConfig(library, token, { mergeInterval: interval })).status, 204);
    }
    assert.deepEqual((await getConfig(library, token)).body, { enableFileHistory: false });
  });

  it('H4–H6 are admin only', async () => {
    const library = await historyLibrary(server);
    const spaceAdmin = await createToken(server, library, { grant: 'space_admin' });
    const plain = await createToken(server, library);
    for (const token of [spaceAdmin, plain]) {
      assertSmhError(await getConfig(library, token), 403, 'NoPermission');
      assertSmhError(await setConfig(library, token, { enableFileHistory: false }), 403, 'NoPermission');
      assertSmhError(await clear(library, token), 403, 'NoPermission');
    }
    assertSmhError(await call(server, 'GET', `/api/v1/directory-history/${library.libraryId}/library-history`), 400, 'EmptyAccessToken');
    const bySecret = await call(server, 'GET', `/api/v1/directory-history/${library.libraryId}/library-history?library_secret=${library.librarySecret}`);
    assert.equal(bySecret.status, 200);
  });

  it('H6 needs history disabled first, then clears every version as a task (T4 result)', async () => {
    const library = await historyLibrary(server);
    const token = await adminToken(server, library);
    const blobs = await blobCount(server);
    for (const text of ['a', 'bb', 'ccc']) {
      await put(server, library, token, 'one.txt', text);
      await put(server, library, token, 'two.txt', text);
    }
    assert.equal(await blobCount(server), blobs + 6);
    assertSmhError(await clear(library, token), 400, 'FileHistoryEnabled');
    assert.equal((await setConfig(library, token, { enableFileHistory: false })).status, 204);
    const accepted = await clear(library, token);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.equal(typeof accepted.body.taskId, 'number');
    const resultUrl = `/api/v1/task-result/${library.libraryId}/${accepted.body.taskId}${q(token)}`;
    let result = await call(server, 'GET', resultUrl);
    await eventually(async () => {
      result = await call(server, 'GET', resultUrl);
      return result.status !== 202;
    }, 'the clear-history task');
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.deepEqual(result.body, {
      taskId: String(accepted.body.taskId),
      taskType: 'clearLibraryHistory',
      status: 200,
      clearLibraryHistoryResult: { status: 200, code: '', deleteCount: 4 },
    });
    // T2, the library-level task query, shows the same task in its documented shape.
    const listed = await call(server, 'GET', `/api/v1/task/${library.libraryId}/${accepted.body.taskId}${q(token)}`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body, [
      { taskId: accepted.body.taskId, id: accepted.body.taskId, status: 200, result: [{ err: '', status: 0, deleteCount: 4 }] },
    ]);
    assert.deepEqual(await versionIds(server, library, token, 'one.txt'), []);
    assert.equal(await blobCount(server), blobs + 2);
    assert.equal(await spaceSize(server, library, token), 6);
    // Another library's admin does not see the task.
    const other = await createLibrary(server);
    const otherToken = await adminToken(server, other);
    assertSmhError(await call(server, 'GET', `/api/v1/task-result/${other.libraryId}/${accepted.body.taskId}${q(otherToken)}`), 404, 'TaskNotFound');
  });

  it('H5 with isClearFileHistory while disabling clears the history too', async () => {
    const library = await historyLibrary(server);
    const token = await adminToken(server, library);
    for (const text of ['a', 'b']) {
      await put(server, library, token, 'f.txt', text);
    }
    assert.equal((await versionIds(server, library, token, 'f.txt')).length, 1);
    const off = await setConfig(library, token, { enableFileHistory: false, isClearFileHistory: true });
    assert.equal(off.status, 204, JSON.stringify(off.body));
    await eventually(async () => (await versionIds(server, library, token, 'f.txt')).length === 0, 'history cleared');
  });
});
