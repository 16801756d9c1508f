import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, dirUrl, fileUrl, listDir, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('symbolic links (files.md §8.4) and inode look-up (§7.5)', () => {
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
    await mkdirOk(server, library, token, 'docs');
  };
  const upload = async (path: string, content: string, strategy?: string) => {
    const response = await uploadFile(server, library, token, path, content, strategy ? { strategy } : {});
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const link = (path: string, linkTo: unknown, extra: Record<string, string> = {}, as = token) =>
    call(server, 'PUT', fileUrl(library, path, as, extra), { body: { linkTo } });
  const linkOk = async (path: string, linkTo: string, extra: Record<string, string> = {}) => {
    const response = await link(path, linkTo, extra);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.path as string[];
  };
  const info = (path: string, extra: Record<string, string> = {}) => call(server, 'GET', dirUrl(library, path, token, { info: '', ...extra }));
  const get = (path: string) => call(server, 'GET', fileUrl(library, path, token));

  it('creates a link that downloads its target and reports type symlink and linkTo', async () => {
    await fresh();
    await upload('docs/a.txt', 'alpha');
    assert.deepEqual(await linkOk('docs/link.txt', '/docs/a.txt'), ['docs', 'link.txt']);
    assert.equal((await download(server, library, token, 'docs/link.txt')).toString(), 'alpha');
    const redirect = await get('docs/link.txt');
    assert.equal(redirect.headers.get('x-smh-type'), 'symlink');
    assert.equal(redirect.headers.get('x-smh-size'), '5');
    const target = await info('docs/a.txt', { with_inode: '1' });
    const details = await info('docs/link.txt');
    assert.equal(details.body.type, 'symlink');
    assert.equal(details.body.linkTo, target.body.inode);
    assert.equal(details.body.size, '0');
    const listed = await listDir(server, library, token, 'docs');
    assert.deepEqual(
      listed.body.contents.map((item: { name: string; type: string }) => [item.name, item.type]),
      [
        ['a.txt', 'file'],
        ['link.txt', 'symlink'],
      ],
    );
    assert.equal(await spaceSize(server, library, token), 5, 'a link occupies no bytes');
    const fileInfo = await call(server, 'GET', fileUrl(library, 'docs/link.txt', token, { info: '' }));
    assert.equal(fileInfo.body.type, 'symlink');
    assert.equal(fileInfo.body.size, '5');
  });

  it('keeps pointing at a renamed or moved target, and follows a new upload over the target', async () => {
    await fresh();
    await upload('docs/a.txt', 'one');
    await linkOk('l.txt', 'docs/a.txt');
    const moved = await call(server, 'PUT', fileUrl(library, 'b.txt', token), { body: { from: 'docs/a.txt' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal((await download(server, library, token, 'l.txt')).toString(), 'one');
    await upload('b.txt', 'two', 'overwrite');
    assert.equal((await download(server, library, token, 'l.txt')).toString(), 'two');
  });

  it('acts on the link itself for copy, move and delete', async () => {
    await fresh();
    await upload('docs/a.txt', 'x');
    await linkOk('docs/l.txt', 'docs/a.txt');
    const copied = await call(server, 'PUT', fileUrl(library, 'copy.txt', token), { body: { copyFrom: 'docs/l.txt' } });
    assert.equal(copied.status, 200, JSON.stringify(copied.body));
    assert.equal((await info('copy.txt')).body.type, 'symlink');
    assert.equal((await download(server, library, token, 'copy.txt')).toString(), 'x');
    const moved = await call(server, 'PUT', fileUrl(library, 'moved.bin', token), { body: { from: 'docs/l.txt' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'moved.bin', token, { permanent: '1' }))).status, 204);
    assert.deepEqual(await childNames(server, library, token, 'docs'), ['a.txt']);
    assert.equal((await download(server, library, token, 'copy.txt')).toString(), 'x');
  });

  it('refuses links to nothing, to directories and to virtual content; a link whose target went is 404', async () => {
    await fresh();
    assertSmhError(await link('l.txt', 'docs/missing.txt'), 404, 'RootLinkFileNotFound');
    assertSmhError(await link('l.txt', 'docs'), 400, 'SymlinkToDirectoryNotAllowed');
    assertSmhError(await link('l.txt', '/'), 400, 'SymlinkToDirectoryNotAllowed');
    assertSmhError(await link('l.txt', 42), 400, 'ParamInvalid');
    assertSmhError(await link('l.txt', '../x'), 400, 'IllegalFileName');
    assertSmhError(await link('nodir/l.txt', 'docs'), 400, 'SymlinkToDirectoryNotAllowed');
    await upload('docs/a.txt', 'x');
    assertSmhError(await link('nodir/l.txt', 'docs/a.txt'), 404, 'DirectoryNotFound');
    await linkOk('l.txt', 'docs/a.txt');
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'docs/a.txt', token, { permanent: '1' }))).status, 204);
    assertSmhError(await get('l.txt'), 404, 'RootLinkFileNotFound');
    assert.equal((await info('l.txt')).body.type, 'symlink', 'the dangling link itself stays');
    assert.deepEqual(await childNames(server, library, token, ''), ['docs', 'l.txt']);
  });

  it('settles name clashes: rename by default, never replaces its own target, refuses loops', async () => {
    await fresh();
    await upload('a.txt', 'a');
    assert.deepEqual(await linkOk('a.txt', 'a.txt'), ['a (1).txt']);
    assertSmhError(await link('a.txt', 'a.txt', { conflict_resolution_strategy: 'overwrite' }), 400, 'SymlinkOverwriteConflict');
    assertSmhError(await link('a.txt', 'a (1).txt', { conflict_resolution_strategy: 'overwrite' }), 409, 'CircleSymlink');
    assertSmhError(await link('a (1).txt', 'a.txt', { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await link('a (1).txt', 'a.txt', { force: '0' }), 409, 'SameNameDirectoryOrFileExists');
    assert.equal((await download(server, library, token, 'a.txt')).toString(), 'a');
  });

  it('detects a loop made by moves when the link is followed', async () => {
    await fresh();
    await upload('f.txt', 'f');
    await linkOk('l1.txt', 'f.txt');
    await linkOk('l2.txt', 'l1.txt');
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'f.txt', token, { permanent: '1' }))).status, 204);
    // l1 now names f.txt by path only; moving l2 there closes the loop l1 → l2 → l1.
    assert.equal((await call(server, 'PUT', fileUrl(library, 'f.txt', token), { body: { from: 'l2.txt' } })).status, 200);
    assertSmhError(await get('l1.txt'), 409, 'CircleSymlink');
    assertSmhError(await link('l3.txt', 'l1.txt'), 409, 'CircleSymlink');
  });

  it('limits chains to 8 links', async () => {
    await fresh();
    await upload('f.txt', 'deep');
    let previous = 'f.txt';
    for (let n = 1; n <= 8; n += 1) {
      await linkOk(`l${n}.txt`, previous);
      previous = `l${n}.txt`;
    }
    assert.equal((await download(server, library, token, 'l8.txt')).toString(), 'deep');
    assertSmhError(await link('l9.txt', 'l8.txt'), 400, 'SymlinkDepthLimitExceeded');
  });

  it('needs an upload or create_symlink grant', async () => {
    await fresh();
    await upload('a.txt', 'a');
    const reader = await createToken(server, library, { grant: 'create_directory' });
    assertSmhError(await link('l.txt', 'a.txt', {}, reader), 403, 'NoPermission');
    const linker = await createToken(server, library, { grant: 'create_symlink' });
    assert.equal((await link('l.txt', 'a.txt', {}, linker)).status, 200);
    assertSmhError(await link('l.txt', 'a.txt', { conflict_resolution_strategy: 'overwrite' }, linker), 403, 'NoPermission');
  });

  it('finds an entry by inode wherever it moved, only in its own live space', async () => {
    await fresh();
    await upload('docs/a.txt', 'abc');
    const listed = await listDir(server, library, token, 'docs', { with_inode: '1' });
    const inode = listed.body.contents[0].inode as string;
    assert.match(inode, /^[0-9a-f]+$/);
    const byInode = (id: string, as = token) => call(server, 'GET', `/api/v1/inode/${library.libraryId}/-/${id}${q(as)}`);
    const found = await byInode(inode);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(found.body.path, ['docs', 'a.txt']);
    assert.equal(found.body.name, 'a.txt');
    assert.equal(found.body.type, 'file');
    assert.equal(found.body.size, '3');
    assert.equal(found.body.inode, inode);
    await call(server, 'PUT', fileUrl(library, 'z.txt', token), { body: { from: 'docs/a.txt' } });
    assert.deepEqual((await byInode(inode)).body.path, ['z.txt']);
    const dir = await info('docs', { with_inode: '1' });
    assert.equal((await byInode(dir.body.inode)).body.type, 'dir');
    assertSmhError(await byInode('ffffffffffffffff'), 404, 'FileNotFound');
    const other = await createLibrary(server);
    const otherToken = await adminToken(server, other);
    assertSmhError(await call(server, 'GET', `/api/v1/inode/${other.libraryId}/-/${inode}${q(otherToken)}`), 404, 'FileNotFound');
    await call(server, 'DELETE', fileUrl(library, 'z.txt', token));
    assertSmhError(await byInode(inode), 404, 'FileNotFound');
  });
});
