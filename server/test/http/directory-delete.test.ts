import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobExists, blobKeyOf, childNames, dirUrl, fileUrl, listDir, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('directories: delete (D9) and metadata update (D10)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });
  const fresh = async () => {
    library = await createLibrary(server);
    token = await adminToken(server, library);
  };
  const upload = async (path: string, content: string) => {
    const response = await uploadFile(server, library, token, path, content);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const remove = (path: string, as = token) => call(server, 'DELETE', dirUrl(library, path, as));

  const tree = async () => {
    await fresh();
    await mkdirOk(server, library, token, 'keep');
    await mkdirOk(server, library, token, 'doomed/sub/deeper');
    await upload('keep/stay.txt', 'stay');
    await upload('doomed/one.txt', 'one');
    await upload('doomed/sub/deeper/two.txt', 'two!!');
  };

  it('deletes a directory with its subtree, frees the space and the blobs', async () => {
    await tree();
    const keys = [await blobKeyOf(server, library, token, 'doomed/one.txt'), await blobKeyOf(server, library, token, 'doomed/sub/deeper/two.txt')];
    const stayKey = await blobKeyOf(server, library, token, 'keep/stay.txt');
    for (const key of keys) {
      assert.equal(await blobExists(server, key), true);
    }
    assert.equal(await spaceSize(server, library, token), 12);
    const response = await remove('doomed');
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
    assert.deepEqual(await childNames(server, library, token, ''), ['keep']);
    assertSmhError(await listDir(server, library, token, 'doomed/sub'), 404, 'DirectoryNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, 'doomed/one.txt', token)), 404, 'FileNotFound');
    assert.equal(await spaceSize(server, library, token), 4);
    for (const key of keys) {
      assert.equal(await blobExists(server, key), false);
    }
    assert.equal(await blobExists(server, stayKey), true);
    assert.equal((await download(server, library, token, 'keep/stay.txt')).toString(), 'stay');
    const counts = await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/file-count?access_token=${token}`);
    assert.equal(counts.body.fileNum, '1');
    assert.equal(counts.body.dirNum, '1');
  });

  it('keeps a blob alive while a copy still references it', async () => {
    await tree();
    assert.equal((await call(server, 'PUT', dirUrl(library, 'twin', token), { body: { copyFrom: 'doomed' } })).status, 204);
    const key = await blobKeyOf(server, library, token, 'doomed/sub/deeper/two.txt');
    assert.equal(await blobKeyOf(server, library, token, 'twin/sub/deeper/two.txt'), key);
    assert.equal(await spaceSize(server, library, token), 20);
    assert.equal((await remove('doomed')).status, 204);
    assert.equal(await blobExists(server, key), true);
    assert.equal((await download(server, library, token, 'twin/sub/deeper/two.txt')).toString(), 'two!!');
    assert.equal(await spaceSize(server, library, token), 12);
    assert.equal((await remove('twin')).status, 204);
    assert.equal(await blobExists(server, key), false);
    assert.equal(await spaceSize(server, library, token), 4);
  });

  it('leaves siblings sharing a name prefix alone', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'a/x');
    await mkdirOk(server, library, token, 'a b');
    await mkdirOk(server, library, token, 'a-b');
    await upload('a.txt', 'a');
    assert.equal((await remove('a')).status, 204);
    assert.deepEqual(await childNames(server, library, token, ''), ['a b', 'a-b', 'a.txt']);
  });

  it('refuses the root, a missing directory and a file path', async () => {
    await tree();
    assertSmhError(await remove(''), 400, 'RootDirectoryNotAllowed');
    assertSmhError(await call(server, 'DELETE', `/api/v1/directory/${library.libraryId}/-?access_token=${token}`), 400, 'RootDirectoryNotAllowed');
    assertSmhError(await remove('missing'), 404, 'DirectoryNotFound');
    assertSmhError(await remove('keep/stay.txt'), 404, 'DirectoryNotFound');
    assert.deepEqual(await childNames(server, library, token, ''), ['doomed', 'keep']);
  });

  it('needs delete_directory', async () => {
    await tree();
    const reader = await createToken(server, library);
    assertSmhError(await remove('doomed', reader), 403, 'NoPermission');
    const deleter = await createToken(server, library, { grant: 'delete_directory' });
    assert.equal((await remove('doomed', deleter)).status, 204);
  });

  it('updates labels and metadata of a directory (merge, then replace)', async () => {
    await tree();
    const update = (body: unknown) => call(server, 'POST', dirUrl(library, 'keep', token, { update: '' }), { body });
    assert.equal((await update({ labels: ['a', 'b'], metaData: { color: 'red', size: 'L' } })).status, 204);
    let info = await call(server, 'GET', dirUrl(library, 'keep', token, { info: '' }));
    assert.deepEqual(info.body.labels, ['a', 'b']);
    assert.deepEqual(info.body.metaData, { 'x-smh-meta-color': 'red', 'x-smh-meta-size': 'L' });
    assert.equal((await update({ metaData: { color: null, shape: 'round' } })).status, 204);
    info = await call(server, 'GET', dirUrl(library, 'keep', token, { info: '' }));
    assert.deepEqual(info.body.metaData, { 'x-smh-meta-size': 'L', 'x-smh-meta-shape': 'round' });
    assert.deepEqual(info.body.labels, ['a', 'b']);
    assert.equal((await update({ metaData: { only: '1' }, metaDataDirective: 'replace' })).status, 204);
    info = await call(server, 'GET', dirUrl(library, 'keep', token, { info: '' }));
    assert.deepEqual(info.body.metaData, { 'x-smh-meta-only': '1' });
    assert.deepEqual(info.body.labels, ['a', 'b']);
    assertSmhError(await update({ metaDataDirective: 'append' }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', dirUrl(library, '', token, { update: '' }), { body: { labels: [] } }), 400, 'RootDirectoryNotAllowed');
    assertSmhError(await call(server, 'POST', dirUrl(library, 'nope', token, { update: '' }), { body: { labels: [] } }), 404, 'PathNotFound');
  });
});
