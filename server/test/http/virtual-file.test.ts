import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, dirUrl, fileUrl, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { quotaOk, tenantLibrary } from '../helpers/quota-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('virtual files (files.md §8.6)', () => {
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
    await mkdirOk(server, library, token, 'v');
  };
  const virtual = (path: string, body?: unknown, extra: Record<string, string> = {}, as = token) =>
    call(server, 'PUT', fileUrl(library, path, as, { virtual_file: '', ...extra }), { body });
  const info = (path: string) => call(server, 'GET', dirUrl(library, path, token, { info: '' }));

  it('creates a metadata-only file that lists, reports its declared size and counts it', async () => {
    await fresh();
    const made = await virtual('v/movie.mp4', { size: '1234', contentType: 'video/mp4', metaData: { source: 'camera' }, labels: ['a'], category: 'clips' });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.deepEqual(made.body, { path: ['v', 'movie.mp4'], type: 'virtual' });
    const details = await info('v/movie.mp4');
    assert.equal(details.body.type, 'virtual');
    assert.equal(details.body.size, '1234');
    assert.equal(details.body.contentType, 'video/mp4');
    assert.deepEqual(details.body.metaData, { 'x-smh-meta-source': 'camera' });
    assert.deepEqual(details.body.labels, ['a']);
    assert.equal(details.body.category, 'clips');
    assert.equal(await spaceSize(server, library, token), 1234);
    const empty = await virtual('v/empty.txt');
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.equal((await info('v/empty.txt')).body.size, '0');
    assert.deepEqual(await childNames(server, library, token, 'v'), ['empty.txt', 'movie.mp4']);
  });

  it('cannot be downloaded, inspected for a URL or linked to', async () => {
    await fresh();
    await virtual('v/x.bin', { size: '10' });
    assertSmhError(await call(server, 'GET', fileUrl(library, 'v/x.bin', token)), 400, 'UnsupportedFileType');
    assertSmhError(await call(server, 'GET', fileUrl(library, 'v/x.bin', token, { info: '' })), 400, 'UnsupportedFileType');
    assert.equal((await call(server, 'HEAD', fileUrl(library, 'v/x.bin', token))).status, 400);
    assertSmhError(await call(server, 'PUT', fileUrl(library, 'l.bin', token), { body: { linkTo: 'v/x.bin' } }), 400, 'UnsupportedFileType');
  });

  it('settles clashes, moves, copies, resizes and deletes with exact space accounting', async () => {
    await fresh();
    await virtual('v/a.bin', { size: '100' });
    assert.deepEqual((await virtual('v/a.bin', { size: '5' })).body.path, ['v', 'a (1).bin']);
    assertSmhError(await virtual('v/a.bin', {}, { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    assert.equal((await virtual('v/a.bin', { size: '40' }, { conflict_resolution_strategy: 'overwrite' })).status, 200);
    assert.equal(await spaceSize(server, library, token), 45);
    assert.equal((await call(server, 'PUT', fileUrl(library, 'b.bin', token), { body: { copyFrom: 'v/a.bin' } })).status, 200);
    assert.equal((await info('b.bin')).body.type, 'virtual');
    assert.equal(await spaceSize(server, library, token), 85);
    assert.equal((await call(server, 'PUT', fileUrl(library, 'c.bin', token), { body: { from: 'b.bin' } })).status, 200);
    const resized = await call(server, 'POST', dirUrl(library, 'c.bin', token, { update: '' }), { body: { size: '1000', labels: ['big'] } });
    assert.equal(resized.status, 204, JSON.stringify(resized.body));
    assert.equal((await info('c.bin')).body.size, '1000');
    assert.deepEqual((await info('c.bin')).body.labels, ['big']);
    assert.equal(await spaceSize(server, library, token), 1045);
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'c.bin', token, { permanent: '1' }))).status, 204);
    assert.equal(await spaceSize(server, library, token), 45);
    assert.equal((await uploadFile(server, library, token, 'real.txt', 'abc')).status, 200);
    assertSmhError(await call(server, 'POST', dirUrl(library, 'real.txt', token, { update: '' }), { body: { size: '9' } }), 400, 'UnsupportedFileType');
  });

  it('refuses bad input and missing grants', async () => {
    await fresh();
    assertSmhError(await virtual('v/a.bin', { size: '-1' }), 400, 'ParamInvalid');
    assertSmhError(await virtual('v/a.bin', { size: 'lots' }), 400, 'ParamInvalid');
    assertSmhError(await virtual('v/a.bin', { metaData: 'x' }), 400, 'ParamInvalid');
    assertSmhError(await virtual('v/a.bin', { category: 'c'.repeat(17) }), 400, 'ParamInvalid');
    assertSmhError(await virtual('nodir/a.bin'), 404, 'DirectoryNotFound');
    assertSmhError(await virtual('v', {}, { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await virtual('v', {}, { conflict_resolution_strategy: 'overwrite' }), 409, 'SameNameDirectoryOrFileExists');
    const plain = await createToken(server, library, { grant: 'create_directory' });
    assertSmhError(await virtual('v/a.bin', {}, {}, plain), 403, 'NoPermission');
    const creator = await createToken(server, library, { grant: 'create_virtual' });
    assert.equal((await virtual('v/a.bin', {}, {}, creator)).status, 200);
    assert.deepEqual(await childNames(server, library, token, 'v'), ['a.bin']);
  });

  it('counts against the quota', async () => {
    const tenant = await tenantLibrary(server, 1);
    const space = tenant.spaces[0] as string;
    await quotaOk(server, tenant.library, tenant.admin, { spaces: [space], capacity: '100' });
    const url = (path: string) => `/api/v1/file/${tenant.library.libraryId}/${space}/${path}?virtual_file&access_token=${tenant.admin}`;
    assert.equal((await call(server, 'PUT', url('a.bin'), { body: { size: '60' } })).status, 200);
    assertSmhError(await call(server, 'PUT', url('b.bin'), { body: { size: '60' } }), 400, 'QuotaLimitReached');
  });
});
