import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobKeyOf, childNames, dirUrl, listDir, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('directories: move and copy (D6, D7)', () => {
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
  const move = (target: string, from: unknown, extra: Record<string, string> = {}, as = token) =>
    call(server, 'PUT', dirUrl(library, target, as, extra), { body: { from } });
  const copy = (target: string, copyFrom: unknown, extra: Record<string, string> = {}, as = token) =>
    call(server, 'PUT', dirUrl(library, target, as, extra), { body: { copyFrom } });

  /** src/{one.txt, sub/{two.txt, deeper/three.txt}} = 3 + 5 + 7 bytes */
  const tree = async () => {
    await fresh();
    await mkdirOk(server, library, token, 'src/sub/deeper');
    await upload('src/one.txt', 'one');
    await upload('src/sub/two.txt', 'two!!');
    await upload('src/sub/deeper/three.txt', 'three!!');
  };

  it('moves a directory with its subtree without copying bytes', async () => {
    await tree();
    const keyBefore = await blobKeyOf(server, library, token, 'src/sub/deeper/three.txt');
    const sizeBefore = await spaceSize(server, library, token);
    const moved = await move('dest/renamed', 'src');
    assert.equal(moved.status, 204, JSON.stringify(moved.body));
    assert.equal(moved.body, undefined);
    assert.deepEqual(await childNames(server, library, token, ''), ['dest']);
    assert.deepEqual(await childNames(server, library, token, 'dest/renamed'), ['sub', 'one.txt']);
    assert.deepEqual(await childNames(server, library, token, 'dest/renamed/sub/deeper'), ['three.txt']);
    assert.equal((await download(server, library, token, 'dest/renamed/sub/deeper/three.txt')).toString(), 'three!!');
    assert.equal((await download(server, library, token, 'dest/renamed/one.txt')).toString(), 'one');
    assert.equal(await blobKeyOf(server, library, token, 'dest/renamed/sub/deeper/three.txt'), keyBefore);
    assert.equal(await spaceSize(server, library, token), sizeBefore);
    assertSmhError(await listDir(server, library, token, 'src'), 404, 'DirectoryNotFound');
    const info = await call(server, 'GET', dirUrl(library, 'dest/renamed/sub/two.txt', token, { info: '' }));
    assert.deepEqual(info.body.path, ['dest', 'renamed', 'sub', 'two.txt']);
  });

  it('moves trees whose names hold non-ASCII and astral characters', async () => {
    await fresh();
    await mkdirOk(server, library, token, '相册😀/子目录');
    await upload('相册😀/子目录/照片.txt', 'photo');
    assert.equal((await move('新😀相册', '相册😀')).status, 204);
    assert.deepEqual(await childNames(server, library, token, '新😀相册'), ['子目录']);
    assert.deepEqual(await childNames(server, library, token, '新😀相册/子目录'), ['照片.txt']);
    assert.equal((await download(server, library, token, '新😀相册/子目录/照片.txt')).toString(), 'photo');
    assert.equal((await move('😀', '新😀相册/子目录')).status, 204);
    assert.equal((await download(server, library, token, '😀/照片.txt')).toString(), 'photo');
  });

  it('does not touch siblings that share a name prefix', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'a/x');
    await mkdirOk(server, library, token, 'a b/y');
    await mkdirOk(server, library, token, 'a-1/z');
    await upload('ab.txt', 'ab');
    assert.equal((await move('moved', 'a')).status, 204);
    assert.deepEqual(await childNames(server, library, token, ''), ['a b', 'a-1', 'moved', 'ab.txt']);
    assert.deepEqual(await childNames(server, library, token, 'a b'), ['y']);
    assert.deepEqual(await childNames(server, library, token, 'a-1'), ['z']);
  });

  it('refuses moving a directory into itself or onto itself', async () => {
    await tree();
    assertSmhError(await move('src/sub/inside', 'src'), 400, 'SourceDirectoryIsParentOfDestination');
    assertSmhError(await move('src', 'src'), 400, 'SourceDirectoryIsParentOfDestination');
    assertSmhError(await copy('src/sub/copy', 'src'), 400, 'SourceDirectoryIsParentOfDestination');
    // Nothing moved, nothing was created.
    assert.deepEqual(await childNames(server, library, token, 'src/sub'), ['deeper', 'two.txt']);
  });

  it('reports a missing, empty or non-directory source', async () => {
    await tree();
    assertSmhError(await move('x', 'missing'), 404, 'SourceDirectoryNotFound');
    assertSmhError(await move('x', ''), 400, 'InvalidSourceDirectory');
    assertSmhError(await move('x', '/'), 400, 'InvalidSourceDirectory');
    assertSmhError(await copy('x', '/'), 400, 'InvalidSourceDirectory');
    assertSmhError(await move('x', 42), 400, 'InvalidSourceDirectory');
    assertSmhError(await move('x', 'src/one.txt'), 400, 'InvalidSourceDirectory');
    assertSmhError(await copy('x', 'missing'), 404, 'SourceDirectoryNotFound');
    assertSmhError(await move('', 'src'), 400, 'RootDirectoryNotAllowed');
    assert.deepEqual(await childNames(server, library, token, ''), ['src']);
  });

  it('accepts a leading "/" in from', async () => {
    await tree();
    assert.equal((await move('moved', '/src/sub')).status, 204);
    assert.deepEqual(await childNames(server, library, token, 'moved'), ['deeper', 'two.txt']);
  });

  it('clashes with 409 under ask and renames under rename with 200 {path}', async () => {
    await tree();
    await mkdirOk(server, library, token, 'taken');
    assertSmhError(await move('taken', 'src'), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await move('taken', 'src', { conflict_resolution_strategy: 'overwrite' }), 400, 'InvalidConflictResolutionStrategy');
    const renamed = await move('taken', 'src', { conflict_resolution_strategy: 'rename' });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body, { path: ['taken (1)'] });
    assert.deepEqual(await childNames(server, library, token, 'taken (1)'), ['sub', 'one.txt']);
    assert.deepEqual(await childNames(server, library, token, 'taken'), []);
  });

  it('a plain rename answers 200 {path} under rename', async () => {
    await tree();
    const renamed = await move('fresh-name', 'src', { conflict_resolution_strategy: 'rename' });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body.path, ['fresh-name']);
  });

  it('refuses a move onto a file path or below a file', async () => {
    await tree();
    await upload('file.txt', 'f');
    assertSmhError(await move('file.txt', 'src'), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await move('file.txt/inner', 'src'), 409, 'SameNameDirectoryOrFileExists');
    assert.deepEqual(await childNames(server, library, token, 'src'), ['sub', 'one.txt']);
  });

  it('updates both parents eTags on a move', async () => {
    await tree();
    await mkdirOk(server, library, token, 'dest');
    const fromTag = (await listDir(server, library, token, 'src')).body.eTag;
    const toTag = (await listDir(server, library, token, 'dest')).body.eTag;
    assert.equal((await move('dest/sub', 'src/sub')).status, 204);
    assert.notEqual((await listDir(server, library, token, 'src')).body.eTag, fromTag);
    assert.notEqual((await listDir(server, library, token, 'dest')).body.eTag, toTag);
  });

  it('copies a subtree that shares blobs, doubling the space size', async () => {
    await tree();
    const size = await spaceSize(server, library, token);
    assert.equal(size, 15);
    const copied = await copy('backup/src', 'src');
    assert.equal(copied.status, 204, JSON.stringify(copied.body));
    assert.equal(await spaceSize(server, library, token), 2 * size);
    assert.deepEqual(await childNames(server, library, token, 'backup/src/sub'), ['deeper', 'two.txt']);
    assert.equal((await download(server, library, token, 'backup/src/sub/deeper/three.txt')).toString(), 'three!!');
    assert.equal(
      await blobKeyOf(server, library, token, 'backup/src/sub/two.txt'),
      await blobKeyOf(server, library, token, 'src/sub/two.txt'),
    );
    // The source is untouched.
    assert.deepEqual(await childNames(server, library, token, 'src'), ['sub', 'one.txt']);
    const counts = await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/file-count?access_token=${token}`);
    assert.equal(counts.body.fileNum, '6');
  });

  it('copies under rename with 200 {path}, and clashes under ask', async () => {
    await tree();
    assertSmhError(await copy('src', 'src/sub'), 409, 'SameNameDirectoryOrFileExists');
    const renamed = await copy('src', 'src/sub', { conflict_resolution_strategy: 'rename' });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body.path, ['src (1)']);
    assert.deepEqual(await childNames(server, library, token, 'src (1)'), ['deeper', 'two.txt']);
  });

  it('gives copies their own identity', async () => {
    await tree();
    assert.equal((await copy('twin', 'src')).status, 204);
    const info = (path: string) => call(server, 'GET', dirUrl(library, path, token, { info: '', with_inode: '1' }));
    assert.notEqual((await info('twin/one.txt')).body.inode, (await info('src/one.txt')).body.inode);
    assert.notEqual((await info('twin/sub')).body.inode, (await info('src/sub')).body.inode);
  });

  it('needs move_directory / copy_directory', async () => {
    await tree();
    const reader = await createToken(server, library);
    assertSmhError(await move('m', 'src', {}, reader), 403, 'NoPermission');
    assertSmhError(await copy('c', 'src', {}, reader), 403, 'NoPermission');
    const mover = await createToken(server, library, { grant: 'move_directory' });
    assertSmhError(await copy('c', 'src', {}, mover), 403, 'NoPermission');
    assert.equal((await move('m', 'src', {}, mover)).status, 204);
    const copier = await createToken(server, library, { grant: 'copy_directory' });
    assert.equal((await copy('c', 'm', {}, copier)).status, 204);
  });
});
