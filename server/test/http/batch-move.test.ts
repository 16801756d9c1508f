import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { batchCall } from '../helpers/batch-client.js';
import { blobKeyOf, childNames, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, createLibrary, createToken, download, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('batch move and rename (B3), run synchronously', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  /** docs/{a.txt, b.txt, old/c.txt} and archive/ */
  const seeded = async (extension: Record<string, unknown> = {}) => {
    const library = await createLibrary(server, extension);
    const token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'docs/old');
    await mkdirOk(server, library, token, 'archive');
    for (const path of ['docs/a.txt', 'docs/b.txt', 'docs/old/c.txt']) {
      assert.equal((await uploadFile(server, library, token, path, path)).status, 200);
    }
    return { library, token };
  };

  it('moves and renames files and directories without copying bytes; rename is the default (200)', async () => {
    const { library, token } = await seeded();
    const key = await blobKeyOf(server, library, token, 'docs/old/c.txt');
    const response = await batchCall(server, library, token, 'move', [
      { from: 'docs/a.txt', to: 'docs/renamed.txt' },
      { from: 'docs/old', to: 'archive/old', conflictResolutionStrategy: 'ask' },
    ]);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.result, [
      { status: 200, from: ['docs', 'a.txt'], to: ['docs', 'renamed.txt'], path: ['docs', 'renamed.txt'] },
      { status: 204, from: ['docs', 'old'], to: ['archive', 'old'], path: ['archive', 'old'] },
    ]);
    assert.deepEqual(await childNames(server, library, token, 'docs'), ['b.txt', 'renamed.txt']);
    assert.equal(await blobKeyOf(server, library, token, 'archive/old/c.txt'), key);
  });

  it('renames on a clash by default and fails it under ask', async () => {
    const { library, token } = await seeded();
    const response = await batchCall(server, library, token, 'move', [
      { from: 'docs/a.txt', to: 'docs/b.txt' },
      { from: 'docs/b.txt', to: 'docs/b (1).txt', conflictResolutionStrategy: 'ask' },
      { from: 'docs/b.txt', to: 'docs/a.txt', conflictResolutionStrategy: 'overwrite' },
    ]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { status: number }) => item.status), [200, 409, 204]);
    assert.deepEqual(response.body.result[0].path, ['docs', 'b (1).txt']);
    assert.deepEqual(await childNames(server, library, token, 'docs'), ['old', 'a.txt', 'b (1).txt']);
    assert.equal((await download(server, library, token, 'docs/a.txt')).toString(), 'docs/b.txt');
  });

  it('reports bad items one by one and moves the rest', async () => {
    const { library, token } = await seeded();
    const response = await batchCall(server, library, token, 'move', [
      { from: 'docs', to: 'docs/old/inside' },
      { from: 'nowhere.txt', to: 'x.txt' },
      { from: 'docs/a.txt', to: 'docs/a.png' },
      { from: 'docs/b.txt', to: 'b.txt' },
    ]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { code?: string }) => item.code), [
      'SourceDirectoryIsParentOfDestination',
      'SourceFileNotFound',
      undefined,
      undefined,
    ]);
    assert.deepEqual(await childNames(server, library, token, ''), ['archive', 'docs', 'b.txt']);
  });

  it('checks move_file and move_directory per item', async () => {
    const { library, token } = await seeded();
    const fileMover = await createToken(server, library, { grant: 'move_file' });
    const response = await batchCall(server, library, fileMover, 'move', [
      { from: 'docs/old', to: 'archive/old' },
      { from: 'docs/a.txt', to: 'archive/a.txt' },
      { from: 'docs/b.txt', to: 'archive/a.txt', conflictResolutionStrategy: 'overwrite' },
    ]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { status: number; code?: string }) => [item.status, item.code]), [
      [403, 'NoPermission'],
      [200, undefined],
      [403, 'NoPermission'],
    ]);
    const dirMover = await createToken(server, library, { grant: 'move_directory' });
    const moved = await batchCall(server, library, dirMover, 'move', [{ from: 'docs/old', to: 'archive/old' }]);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(await childNames(server, library, token, 'archive'), ['old', 'a.txt']);
  });

  it('follows the library\'s default conflict strategy where an item names none', async () => {
    const { library, token } = await seeded({ DefaultConflictResolutionStrategy: 'ask' });
    const response = await batchCall(server, library, token, 'move', [{ from: 'docs/a.txt', to: 'docs/b.txt' }]);
    assert.equal(response.status, 207, JSON.stringify(response.body));
    assert.equal(response.body.result[0].code, 'SameNameDirectoryOrFileExists');
  });
});
