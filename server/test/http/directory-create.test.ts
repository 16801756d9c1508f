import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, dirUrl, mkdir, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('directories: create, check and info (D1, D4, D5)', () => {
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

  it('answers 201 with an empty body under ask', async () => {
    await fresh();
    const response = await mkdir(server, library, token, 'docs');
    assert.equal(response.status, 201);
    assert.equal(response.body, undefined);
    assert.deepEqual(await childNames(server, library, token, ''), ['docs']);
  });

  it('creates every missing parent (mkdir -p)', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'a/b/c/d');
    assert.deepEqual(await childNames(server, library, token, ''), ['a']);
    assert.deepEqual(await childNames(server, library, token, 'a/b'), ['c']);
    assert.deepEqual(await childNames(server, library, token, 'a/b/c'), ['d']);
    // An existing parent is reused, not renamed.
    await mkdirOk(server, library, token, 'a/b/x');
    assert.deepEqual(await childNames(server, library, token, 'a/b'), ['c', 'x']);
  });

  it('refuses an existing directory under ask with 409', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'docs');
    assertSmhError(await mkdir(server, library, token, 'docs'), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await mkdir(server, library, token, 'docs', { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
  });

  it('renames to "name (n)" under rename and returns the final path', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'p/v1.2');
    const first = await mkdir(server, library, token, 'p/v1.2', { conflict_resolution_strategy: 'rename' });
    assert.equal(first.status, 201);
    assert.deepEqual(first.body.path, ['p', 'v1.2 (1)']);
    assert.match(first.body.creationTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const second = await mkdir(server, library, token, 'p/v1.2', { conflict_resolution_strategy: 'rename' });
    assert.deepEqual(second.body.path, ['p', 'v1.2 (2)']);
    // A free name is used as asked, even under rename.
    const free = await mkdir(server, library, token, 'p/new', { conflict_resolution_strategy: 'rename' });
    assert.deepEqual(free.body.path, ['p', 'new']);
    assert.deepEqual(await childNames(server, library, token, 'p'), ['new', 'v1.2', 'v1.2 (1)', 'v1.2 (2)']);
  });

  it('refuses overwrite, which directories do not support', async () => {
    await fresh();
    assertSmhError(await mkdir(server, library, token, 'x', { conflict_resolution_strategy: 'overwrite' }), 400, 'InvalidConflictResolutionStrategy');
  });

  it('refuses a file in the way with 409 whatever the strategy', async () => {
    await fresh();
    assert.equal((await uploadFile(server, library, token, 'f.txt', 'x')).status, 200);
    for (const strategy of ['ask', 'rename']) {
      assertSmhError(await mkdir(server, library, token, 'f.txt/sub', { conflict_resolution_strategy: strategy }), 409, 'SameNameDirectoryOrFileExists');
    }
    assertSmhError(await mkdir(server, library, token, 'f.txt'), 409, 'SameNameDirectoryOrFileExists');
    const renamed = await mkdir(server, library, token, 'f.txt', { conflict_resolution_strategy: 'rename' });
    assert.deepEqual(renamed.body.path, ['f.txt (1)']);
    // Nothing was created below the file, and the failed calls left no stray parents.
    assert.deepEqual(await childNames(server, library, token, ''), ['f.txt (1)', 'f.txt']);
  });

  it('returns the inode with with_inode=1, and that inode is the info inode', async () => {
    await fresh();
    const made = await mkdir(server, library, token, 'a/b', { with_inode: '1' });
    assert.equal(made.status, 201);
    assert.deepEqual(made.body.path, ['a', 'b']);
    assert.match(made.body.inode, /^[0-9a-f]{32}$/);
    const info = await call(server, 'GET', dirUrl(library, 'a/b', token, { info: '', with_inode: '1' }));
    assert.equal(info.body.inode, made.body.inode);
    const plain = await call(server, 'GET', dirUrl(library, 'a/b', token, { info: '' }));
    assert.equal(plain.body.inode, undefined);
  });

  it('stores metaData and labels given in the body and echoes the metadata', async () => {
    await fresh();
    const made = await mkdir(server, library, token, 'tagged', {}, { metaData: { Owner: 'me' }, labels: ['x'] });
    assert.equal(made.status, 201);
    assert.deepEqual(made.body.metaData, { 'x-smh-meta-owner': 'me' });
    assert.deepEqual(made.body.labels, ['x']);
    assert.equal(made.body.localCreationTime, undefined);
    const timed = await mkdir(server, library, token, 'timed', {}, { localCreationTime: '1600000000000' });
    assert.deepEqual(timed.body, { path: ['timed'], creationTime: timed.body.creationTime, localCreationTime: '1600000000000' });
    const info = await call(server, 'GET', dirUrl(library, 'tagged', token, { info: '' }));
    assert.deepEqual(info.body.metaData, { 'x-smh-meta-owner': 'me' });
    assert.deepEqual(info.body.labels, ['x']);
  });

  it('refuses the root and needs create_directory', async () => {
    await fresh();
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/-${'?'}access_token=${token}`), 400, 'EmptyPath');
    const reader = await createToken(server, library);
    assertSmhError(await mkdir(server, library, reader, 'nope'), 403, 'NoPermission');
    const creator = await createToken(server, library, { grant: 'create_directory' });
    assert.equal((await mkdir(server, library, creator, 'yes')).status, 201);
  });

  it('HEAD answers 200 for a directory and the root, 404 for a file or nothing', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'a/b');
    assert.equal((await uploadFile(server, library, token, 'a/f.txt', 'x')).status, 200);
    const head = (path: string) => call(server, 'HEAD', dirUrl(library, path, token));
    assert.equal((await head('a/b')).status, 200);
    assert.equal((await head('a')).status, 200);
    assert.equal((await head('')).status, 200);
    const missing = await head('a/missing');
    assert.equal(missing.status, 404);
    assert.equal(missing.body, undefined);
    assert.equal((await head('a/f.txt')).status, 404);
  });

  it('?info describes a directory', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'a/b');
    const info = await call(server, 'GET', dirUrl(library, 'a/b', token, { info: '' }));
    assert.equal(info.status, 200);
    assert.equal(info.body.name, 'b');
    assert.deepEqual(info.body.path, ['a', 'b']);
    assert.equal(info.body.type, 'dir');
    assert.equal(typeof info.body.userId, 'string');
    assert.equal(typeof info.body.eTag, 'string');
    assert.equal(info.headers.get('etag'), `"${info.body.eTag}"`);
    assert.match(info.body.creationTime, /Z$/);
    assert.match(info.body.modificationTime, /Z$/);
    assert.equal(info.body.size, undefined);
    const root = await call(server, 'GET', dirUrl(library, '', token, { info: '' }));
    assert.equal(root.status, 200);
    assert.deepEqual(root.body.path, []);
    assert.equal(root.body.type, 'dir');
  });

  it('?info describes a file with its SMH fields', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'docs');
    const up = await uploadFile(server, library, token, 'docs/note.txt', '123456789', { headers: { 'x-smh-meta-color': 'blue' } });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const info = await call(server, 'GET', dirUrl(library, 'docs/note.txt', token, { info: '', with_inode: '1' }));
    assert.equal(info.status, 200);
    assert.equal(info.body.name, 'note.txt');
    assert.deepEqual(info.body.path, ['docs', 'note.txt']);
    assert.equal(info.body.type, 'file');
    assert.equal(info.body.size, '9');
    assert.equal(info.body.crc64, '11051210869376104954');
    assert.equal(info.body.contentType, 'text/plain');
    assert.equal(info.body.eTag, up.body.eTag);
    assert.equal(info.headers.get('etag'), up.body.eTag);
    assert.equal(info.body.versionId, up.body.versionId);
    assert.equal(info.body.historySize, '0');
    assert.equal(info.body.fileType, 'text');
    assert.deepEqual(info.body.metaData, { 'x-smh-meta-color': 'blue' });
    assert.match(info.body.inode, /^[0-9a-f]{32}$/);
  });

  it('?info of a missing path is 404', async () => {
    await fresh();
    const response = await call(server, 'GET', dirUrl(library, 'nothing/here', token, { info: '' }));
    assert.equal(response.status, 404);
    assert.match(response.body.code, /NotFound$/);
  });
});
