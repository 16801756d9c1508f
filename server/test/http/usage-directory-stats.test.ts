import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bytes } from '../helpers/quota-client.js';
import { adminToken, assertSmhError, call, createLibrary, createSpace, createToken, fileUrl, type Library, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** D11: GET /api/v1/directory/{L}/{S}/{P}?stats=1&stats_type=normal (dirs.md D11). */
describe('directory statistics', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const stats = (library: Library, token: string, path: string, extra: Record<string, string> = { stats: '1', stats_type: 'normal' }, space = '-') =>
    call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}/${path}${q(token, extra)}`);

  async function tree(library: Library, token: string): Promise<void> {
    for (const dir of ['a', 'b/c', 'b2']) {
      await makeDirectory(server, library, token, dir);
    }
    for (const [path, size] of [['a/x.txt', 5], ['b/y.txt', 7], ['b/c/z.txt', 3], ['b2/w.txt', 100], ['top.txt', 1]] as const) {
      assert.equal((await uploadFile(server, library, token, path, bytes(size))).status, 200);
    }
  }

  it('counts bytes, files and directories of the subtree, root included', async () => {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    await tree(library, admin);
    const root = await stats(library, admin, '');
    assert.equal(root.status, 200, JSON.stringify(root.body));
    assert.deepEqual(root.body, { userId: '', statsType: 'normal', storage: 116, fileCount: 5, dirCount: 4 });
    // "b" does not take in its sibling "b2", whose name starts the same.
    assert.deepEqual((await stats(library, admin, 'b')).body, { userId: '', statsType: 'normal', storage: 10, fileCount: 2, dirCount: 1 });
    assert.deepEqual((await stats(library, admin, 'b/c')).body, { userId: '', statsType: 'normal', storage: 3, fileCount: 1, dirCount: 0 });
    // A value-less flag and a missing stats_type mean the same.
    assert.deepEqual((await stats(library, admin, 'a', { stats: '' })).body.storage, 5);
  });

  it('reports the creator and leaves the recycle bin out', async () => {
    const library = await createLibrary(server, { UseRecycleBin: true });
    const token = await createToken(server, library, { grant: 'admin', user_id: 'alice' });
    await tree(library, token);
    assert.equal((await call(server, 'DELETE', fileUrl(library, token, 'b/y.txt'))).status, 200);
    const b = await stats(library, token, 'b');
    assert.deepEqual(b.body, { userId: 'alice', statsType: 'normal', storage: 3, fileCount: 1, dirCount: 1 });
  });

  it('refuses other stats types, files and missing directories', async () => {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    await tree(library, admin);
    for (const type of ['history', 'recycle', 'bogus']) {
      assertSmhError(await stats(library, admin, 'a', { stats: '1', stats_type: type }), 400, 'InvalidDirectoryStatsType');
    }
    assertSmhError(await stats(library, admin, 'a/x.txt'), 404, 'DirectoryNotFound');
    assertSmhError(await stats(library, admin, 'nope'), 404, 'DirectoryNotFound');
  });

  it('needs a token for the space', async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, library);
    const [a, b] = [await createSpace(server, library, admin), await createSpace(server, library, admin)];
    await makeDirectory(server, library, admin, 'd', a);
    const reader = await createToken(server, library, { space_id: a });
    const stranger = await createToken(server, library, { space_id: b });
    assert.equal((await stats(library, reader, 'd', undefined, a)).status, 200);
    assertSmhError(await stats(library, stranger, 'd', undefined, a), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${a}/d?stats=1`), 400, 'EmptyAccessToken');
  });
});
