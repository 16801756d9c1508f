import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobExists, blobKeyOf, childNames, dirUrl, fileUrl, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('files: move, copy, delete and update (files.md §8.1–8.3, 8.8)', () => {
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
    await mkdirOk(server, library, token, 'other');
  };
  const upload = async (path: string, content: string) => {
    const response = await uploadFile(server, library, token, path, content);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const move = (target: string, from: unknown, extra: Record<string, string> = {}, as = token) =>
    call(server, 'PUT', fileUrl(library, target, as, extra), { body: { from } });
  const copy = (target: string, copyFrom: unknown, extra: Record<string, string> = {}, as = token) =>
    call(server, 'PUT', fileUrl(library, target, as, extra), { body: { copyFrom } });
  const info = (path: string) => call(server, 'GET', dirUrl(library, path, token, { info: '' }));

  it('renames a file in place: one row, same bytes', async () => {
    await fresh();
    await upload('docs/old.txt', 'hello');
    const key = await blobKeyOf(server, library, token, 'docs/old.txt');
    const moved = await move('docs/new.txt', 'docs/old.txt');
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(moved.body, { path: ['docs', 'new.txt'] });
    assert.deepEqual(await childNames(server, library, token, 'docs'), ['new.txt']);
    assert.equal(await blobKeyOf(server, library, token, 'docs/new.txt'), key);
    assert.equal((await download(server, library, token, 'docs/new.txt')).toString(), 'hello');
    assert.equal(await spaceSize(server, library, token), 5);
  });

  it('moves a file to another directory, accepting a leading "/" in from', async () => {
    await fresh();
    await upload('docs/a.txt', 'a');
    assert.deepEqual((await move('other/a.txt', '/docs/a.txt')).body.path, ['other', 'a.txt']);
    assert.deepEqual(await childNames(server, library, token, 'docs'), []);
    assert.deepEqual(await childNames(server, library, token, 'other'), ['a.txt']);
  });

  it('renames on a clash by default, 409s under ask', async () => {
    await fresh();
    await upload('docs/a.txt', 'a');
    await upload('other/a.txt', 'b');
    assertSmhError(await move('other/a.txt', 'docs/a.txt', { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    const renamed = await move('other/a.txt', 'docs/a.txt');
    assert.deepEqual(renamed.body.path, ['other', 'a (1).txt']);
    assert.equal((await download(server, library, token, 'other/a (1).txt')).toString(), 'a');
    assert.equal((await download(server, library, token, 'other/a.txt')).toString(), 'b');
  });

  it('overwrites only with move_file_force, freeing the replaced bytes', async () => {
    await fresh();
    await upload('docs/a.txt', 'new!');
    await upload('other/a.txt', 'old');
    const oldKey = await blobKeyOf(server, library, token, 'other/a.txt');
    const mover = await createToken(server, library, { grant: 'move_file' });
    const forced = await createToken(server, library, { grant: 'move_file_force' });
    assertSmhError(await move('other/a.txt', 'docs/a.txt', { conflict_resolution_strategy: 'overwrite' }, mover), 403, 'NoPermission');
    const moved = await move('other/a.txt', 'docs/a.txt', { conflict_resolution_strategy: 'overwrite' }, forced);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(moved.body.path, ['other', 'a.txt']);
    assert.equal((await download(server, library, token, 'other/a.txt')).toString(), 'new!');
    assert.equal(await blobExists(server, oldKey), false);
    assert.equal(await spaceSize(server, library, token), 4);
    // move_file still covers the default strategy.
    assert.equal((await move('docs/back.txt', 'other/a.txt', {}, mover)).status, 200);
  });

  it('never overwrites a directory', async () => {
    await fresh();
    await upload('docs/a.txt', 'a');
    await mkdirOk(server, library, token, 'other/a.txt');
    assertSmhError(await move('other/a.txt', 'docs/a.txt', { conflict_resolution_strategy: 'overwrite' }), 409, 'SameNameDirectoryOrFileExists');
    assert.deepEqual((await move('other/a.txt', 'docs/a.txt')).body.path, ['other', 'a (1).txt']);
  });

  it('reports a missing, empty or directory source and a missing target directory', async () => {
    await fresh();
    await upload('docs/a.txt', 'a');
    assertSmhError(await move('docs/b.txt', 'docs/missing.txt'), 404, 'SourceFileNotFound');
    assertSmhError(await move('docs/b.txt', ''), 400, 'InvalidSourceFile');
    assertSmhError(await move('docs/b.txt', '/'), 400, 'InvalidSourceFile');
    assertSmhError(await copy('docs/b.txt', 7), 400, 'InvalidSourceFile');
    assertSmhError(await move('docs/b.txt', 'other'), 400, 'InvalidSourceFile');
    assertSmhError(await move('nowhere/b.txt', 'docs/a.txt'), 404, 'DirectoryNotFound');
    assertSmhError(await copy('docs/b.txt', 'docs/missing.txt'), 404, 'SourceFileNotFound');
    assert.deepEqual(await childNames(server, library, token, ''), ['docs', 'other']);
  });

  it("follows the library's DefaultConflictResolutionStrategy when the request names none", async () => {
    library = await createLibrary(server, { DefaultConflictResolutionStrategy: 'ask' });
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'docs');
    await upload('docs/a.txt', 'a');
    await upload('docs/b.txt', 'b');
    assertSmhError(await move('docs/b.txt', 'docs/a.txt'), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await copy('docs/b.txt', 'docs/a.txt'), 409, 'SameNameDirectoryOrFileExists');
    assert.deepEqual((await move('docs/b.txt', 'docs/a.txt', { conflict_resolution_strategy: 'rename' })).body.path, ['docs', 'b (1).txt']);
    const renaming = await createLibrary(server, { DefaultConflictResolutionStrategy: 'rename' });
    const renamingToken = await adminToken(server, renaming);
    assert.equal((await call(server, 'PUT', dirUrl(renaming, 'd', renamingToken))).status, 201);
    const made = await call(server, 'PUT', dirUrl(renaming, 'd', renamingToken));
    assert.equal(made.status, 201);
    assert.deepEqual(made.body.path, ['d (1)']);
    // overwrite does not exist for directories, so they keep SMH's ask there.
    const overwriting = await createLibrary(server, { DefaultConflictResolutionStrategy: 'overwrite' });
    const overwritingToken = await adminToken(server, overwriting);
    assert.equal((await call(server, 'PUT', dirUrl(overwriting, 'd', overwritingToken))).status, 201);
    assertSmhError(await call(server, 'PUT', dirUrl(overwriting, 'd', overwritingToken)), 409, 'SameNameDirectoryOrFileExists');
  });

  it('moving a file onto itself changes nothing', async () => {
    await fresh();
    await upload('docs/a.txt', 'a');
    const same = await move('docs/a.txt', 'docs/a.txt');
    assert.equal(same.status, 200);
    assert.deepEqual(same.body.path, ['docs', 'a.txt']);
    assert.deepEqual(await childNames(server, library, token, 'docs'), ['a.txt']);
  });

  it('copies a file sharing its blob, renaming on a clash by default', async () => {
    await fresh();
    await upload('docs/a.txt', 'abc');
    const copied = await copy('other/a.txt', 'docs/a.txt');
    assert.equal(copied.status, 200);
    assert.deepEqual(copied.body, { path: ['other', 'a.txt'] });
    assert.equal(await blobKeyOf(server, library, token, 'other/a.txt'), await blobKeyOf(server, library, token, 'docs/a.txt'));
    assert.equal(await spaceSize(server, library, token), 6);
    const again = await copy('docs/a.txt', 'docs/a.txt');
    assert.deepEqual(again.body.path, ['docs', 'a (1).txt']);
    assertSmhError(await copy('docs/a.txt', 'other/a.txt', { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    assert.equal((await download(server, library, token, 'docs/a (1).txt')).toString(), 'abc');
    // The copy lives on after its source is deleted.
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'docs/a.txt', token))).status, 204);
    assert.equal((await download(server, library, token, 'other/a.txt')).toString(), 'abc');
  });

  it('copy overwrite needs copy_file_force', async () => {
    await fresh();
    await upload('docs/a.txt', 'src');
    await upload('other/a.txt', 'dst');
    const copier = await createToken(server, library, { grant: 'copy_file' });
    assertSmhError(await copy('other/a.txt', 'docs/a.txt', { conflict_resolution_strategy: 'overwrite' }, copier), 403, 'NoPermission');
    const forced = await createToken(server, library, { grant: 'copy_file_force' });
    assert.equal((await copy('other/a.txt', 'docs/a.txt', { conflict_resolution_strategy: 'overwrite' }, forced)).status, 200);
    assert.equal((await download(server, library, token, 'other/a.txt')).toString(), 'src');
    assert.equal(await spaceSize(server, library, token), 6);
  });

  it('deletes a file with 204 and frees its blob', async () => {
    await fresh();
    await upload('docs/a.txt', 'abc');
    const key = await blobKeyOf(server, library, token, 'docs/a.txt');
    const reader = await createToken(server, library);
    assertSmhError(await call(server, 'DELETE', fileUrl(library, 'docs/a.txt', reader)), 403, 'NoPermission');
    const deleter = await createToken(server, library, { grant: 'delete_file' });
    const response = await call(server, 'DELETE', fileUrl(library, 'docs/a.txt', deleter));
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
    assert.equal(await blobExists(server, key), false);
    assert.equal(await spaceSize(server, library, token), 0);
    assertSmhError(await call(server, 'DELETE', fileUrl(library, 'docs/a.txt', token)), 404, 'FileNotFound');
    assertSmhError(await call(server, 'DELETE', fileUrl(library, 'docs', token)), 404, 'FileNotFound');
    assert.deepEqual(await childNames(server, library, token, ''), ['docs', 'other']);
  });

  it('?update sets labels, category, local times and merges metadata', async () => {
    await fresh();
    const up = await uploadFile(server, library, token, 'docs/a.txt', 'abc', { headers: { 'x-smh-meta-keep': 'k', 'x-smh-meta-drop': 'd' } });
    assert.equal(up.status, 200);
    const update = (body: unknown, as = token) => call(server, 'POST', dirUrl(library, 'docs/a.txt', as, { update: '' }), { body });
    const first = await update({
      labels: ['动物', '大象'],
      category: 'doc',
      localCreationTime: '2020-01-01T00:00:00.000Z',
      metaData: { drop: null, Added: 'yes' },
    });
    assert.equal(first.status, 204, JSON.stringify(first.body));
    const got = await info('docs/a.txt');
    assert.deepEqual(got.body.labels, ['动物', '大象']);
    assert.equal(got.body.category, 'doc');
    assert.equal(got.body.localCreationTime, '2020-01-01T00:00:00.000Z');
    assert.deepEqual(got.body.metaData, { 'x-smh-meta-keep': 'k', 'x-smh-meta-added': 'yes' });
    const fileInfo = await call(server, 'GET', fileUrl(library, 'docs/a.txt', token, { info: '' }));
    assert.deepEqual(fileInfo.body.labels, ['动物', '大象']);
    assert.deepEqual(fileInfo.body.metaData, { 'x-smh-meta-keep': 'k', 'x-smh-meta-added': 'yes' });
    const head = await call(server, 'HEAD', fileUrl(library, 'docs/a.txt', token));
    assert.equal(head.headers.get('x-smh-meta-added'), 'yes');
    assert.equal(head.headers.get('x-smh-meta-drop'), null);
    // ?info of a file honours If-None-Match with the file's ETag.
    const cached = await call(server, 'GET', dirUrl(library, 'docs/a.txt', token, { info: '' }), { headers: { 'if-none-match': up.body.eTag } });
    assert.equal(cached.status, 304);
  });

  it('percent-encodes metadata that cannot travel as a header value', async () => {
    await fresh();
    await upload('docs/a.txt', 'abc');
    const url = dirUrl(library, 'docs/a.txt', token, { update: '' });
    assert.equal((await call(server, 'POST', url, { body: { metaData: { city: '北京 ü' } } })).status, 204);
    assert.deepEqual((await info('docs/a.txt')).body.metaData, { 'x-smh-meta-city': '北京 ü' });
    const head = await call(server, 'HEAD', fileUrl(library, 'docs/a.txt', token));
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('x-smh-meta-city'), encodeURIComponent('北京 ü'));
    assert.equal((await call(server, 'GET', fileUrl(library, 'docs/a.txt', token))).status, 302);
  });

  it('?update replaces metadata with metaDataDirective=replace and leaves other fields', async () => {
    await fresh();
    const up = await uploadFile(server, library, token, 'docs/a.txt', 'abc', { headers: { 'x-smh-meta-one': '1' } });
    assert.equal(up.status, 200);
    const url = dirUrl(library, 'docs/a.txt', token, { update: '' });
    assert.equal((await call(server, 'POST', url, { body: { labels: ['x'] } })).status, 204);
    assert.equal((await call(server, 'POST', url, { body: { metaData: { two: '2' }, metaDataDirective: 'replace' } })).status, 204);
    const got = await info('docs/a.txt');
    assert.deepEqual(got.body.metaData, { 'x-smh-meta-two': '2' });
    assert.deepEqual(got.body.labels, ['x']);
    assert.equal((await call(server, 'POST', url, { body: { metaData: {}, metaDataDirective: 'replace' } })).status, 204);
    assert.equal((await info('docs/a.txt')).body.metaData, undefined);
  });

  it('?update validates its input and needs space_admin', async () => {
    await fresh();
    await upload('docs/a.txt', 'abc');
    const url = (as: string) => dirUrl(library, 'docs/a.txt', as, { update: '' });
    assertSmhError(await call(server, 'POST', url(token), { body: { category: 'x'.repeat(17) } }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url(token), { body: { labels: 'nope' } }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url(token), { body: { metaData: { 'bad key': 'x' } } }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url(token), { body: { metaData: { n: 1 } } }), 400, 'ParamInvalid');
    const writer = await createToken(server, library, { grant: 'move_file,delete_file' });
    assertSmhError(await call(server, 'POST', url(writer), { body: { labels: ['x'] } }), 403, 'NoPermission');
    const spaceAdmin = await createToken(server, library, { grant: 'space_admin' });
    assert.equal((await call(server, 'POST', url(spaceAdmin), { body: { labels: ['x'] } })).status, 204);
  });
});
