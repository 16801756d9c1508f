import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { batchCall } from '../helpers/batch-client.js';
import { blobExists, blobKeyOf, childNames, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, createLibrary, createToken, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('batch delete (B1), run synchronously', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  /** A library with a/{one.txt, sub/two.txt} and top.txt. */
  const seeded = async (extension: Record<string, unknown> = {}) => {
    const library = await createLibrary(server, extension);
    const token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'a/sub');
    for (const [path, content] of [['a/one.txt', 'one'], ['a/sub/two.txt', 'two!'], ['top.txt', 'top']]) {
      assert.equal((await uploadFile(server, library, token, path as string, content as string)).status, 200);
    }
    return { library, token };
  };

  it('deletes files and directories with their subtrees: 200 with a 204 per item', async () => {
    const { library, token } = await seeded();
    const key = await blobKeyOf(server, library, token, 'a/sub/two.txt');
    const response = await batchCall(server, library, token, 'delete', [{ path: 'a' }, { path: '/top.txt', permanent: true }]);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, { result: [{ status: 204, path: ['a'] }, { status: 204, path: ['top.txt'] }] });
    assert.deepEqual(await childNames(server, library, token, ''), []);
    assert.equal(await spaceSize(server, library, token), 0);
    assert.equal(await blobExists(server, key), false);
  });

  it('answers 207 when some items fail, and still applies the others in order', async () => {
    const { library, token } = await seeded();
    const response = await batchCall(server, library, token, 'delete', [
      { path: 'missing.txt' },
      { path: 'a/one.txt' },
      { path: '' },
      { path: 'a/one.txt' },
      { path: 'bad:name' },
    ]);
    assert.equal(response.status, 207, JSON.stringify(response.body));
    const result = response.body.result;
    assert.deepEqual(result.map((item: { status: number }) => item.status), [404, 204, 400, 404, 400]);
    assert.deepEqual(result[0], { status: 404, code: 'FileNotFound', message: result[0].message, path: ['missing.txt'] });
    assert.equal(result[2].code, 'RootDirectoryNotAllowed');
    assert.equal(result[4].code, 'IllegalFileName');
    assert.deepEqual(await childNames(server, library, token, 'a'), ['sub']);
  });

  it('answers 207 even when every item fails', async () => {
    const { library, token } = await seeded();
    const response = await batchCall(server, library, token, 'delete', [{ path: 'nope' }, { path: 'nope/deeper' }]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { code: string }) => item.code), ['FileNotFound', 'FileNotFound']);
  });

  it('checks the grant of each item: delete_file alone deletes files but not directories', async () => {
    const { library, token } = await seeded();
    const fileDeleter = await createToken(server, library, { grant: 'delete_file' });
    const response = await batchCall(server, library, fileDeleter, 'delete', [{ path: 'a/sub' }, { path: 'top.txt' }]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { status: number; code?: string }) => [item.status, item.code]), [
      [403, 'NoPermission'],
      [204, undefined],
    ]);
    const reader = await createToken(server, library);
    const denied = await batchCall(server, library, reader, 'delete', [{ path: 'a/one.txt' }]);
    assert.equal(denied.status, 207);
    assert.equal(denied.body.result[0].code, 'NoPermission');
    assert.deepEqual(await childNames(server, library, token, 'a'), ['sub', 'one.txt']);
  });

  it('moves items to the recycle bin when it is on: 200 with recycledItemId', async () => {
    const { library, token } = await seeded({ UseRecycleBin: true });
    const response = await batchCall(server, library, token, 'delete', [
      { path: 'a' },
      { path: 'top.txt', permanent: 1 },
    ]);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const [recycled, gone] = response.body.result;
    assert.equal(recycled.status, 200);
    assert.equal(typeof recycled.recycledItemId, 'number');
    assert.deepEqual(recycled.path, ['a']);
    assert.deepEqual(gone, { status: 204, path: ['top.txt'] });
    assert.deepEqual(await childNames(server, library, token, ''), []);
  });

  it('needs delete_file_permanent for permanent deletes when the bin is on', async () => {
    const { library } = await seeded({ UseRecycleBin: true });
    const plain = await createToken(server, library, { grant: 'delete_file' });
    const response = await batchCall(server, library, plain, 'delete', [{ path: 'top.txt', permanent: 'true' }, { path: 'a/one.txt' }]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { status: number }) => item.status), [403, 200]);
  });
});
