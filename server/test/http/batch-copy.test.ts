import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { batchCall } from '../helpers/batch-client.js';
import { blobKeyOf, childNames, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { adminToken, call, createLibrary, createSpace, createToken, download, type Library, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('batch copy (B2), run synchronously', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const put = async (library: Library, token: string, path: string, content: string, space = '-') => {
    assert.equal((await uploadFile(server, library, token, path, content, { space })).status, 200);
  };
  /** src/{a.txt, sub/b.txt} and dest/ */
  const seeded = async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'src/sub');
    await mkdirOk(server, library, token, 'dest');
    await put(library, token, 'src/a.txt', 'aaa');
    await put(library, token, 'src/sub/b.txt', 'bbbbb');
    return { library, token };
  };
  const statuses = (body: { result: { status: number }[] }) => body.result.map((item) => item.status);

  it('copies files and directories sharing blobs; files default to rename (200), directories to ask (204)', async () => {
    const { library, token } = await seeded();
    const response = await batchCall(server, library, token, 'copy', [
      { copyFrom: 'src/a.txt', to: 'dest/a.txt' },
      { copyFrom: 'src', to: 'dest/src-copy' },
    ]);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.result, [
      { status: 200, copyFrom: ['src', 'a.txt'], to: ['dest', 'a.txt'], path: ['dest', 'a.txt'] },
      { status: 204, copyFrom: ['src'], to: ['dest', 'src-copy'], path: ['dest', 'src-copy'] },
    ]);
    assert.deepEqual(await childNames(server, library, token, 'dest/src-copy/sub'), ['b.txt']);
    assert.equal(await blobKeyOf(server, library, token, 'dest/src-copy/sub/b.txt'), await blobKeyOf(server, library, token, 'src/sub/b.txt'));
    assert.equal(await spaceSize(server, library, token), 2 * 8 + 3);
  });

  it('applies each item\'s conflictResolutionStrategy', async () => {
    const { library, token } = await seeded();
    await put(library, token, 'dest/a.txt', 'old');
    await mkdirOk(server, library, token, 'dest/src');
    const response = await batchCall(server, library, token, 'copy', [
      { copyFrom: 'src/a.txt', to: 'dest/a.txt', conflictResolutionStrategy: 'ask' },
      { copyFrom: 'src/a.txt', to: 'dest/a.txt', conflictResolutionStrategy: 'rename' },
      { copyFrom: 'src/a.txt', to: 'dest/a.txt', conflictResolutionStrategy: 'overwrite' },
      { copyFrom: 'src', to: 'dest/src' },
      { copyFrom: 'src', to: 'dest/src', conflictResolutionStrategy: 'overwrite' },
      { copyFrom: 'src', to: 'dest/src', conflictResolutionStrategy: 'rename' },
    ]);
    assert.equal(response.status, 207);
    assert.deepEqual(statuses(response.body), [409, 200, 204, 409, 409, 200]);
    assert.equal(response.body.result[0].code, 'SameNameDirectoryOrFileExists');
    assert.deepEqual(response.body.result[1].path, ['dest', 'a (1).txt']);
    assert.deepEqual(response.body.result[5].path, ['dest', 'src (1)']);
    assert.equal((await download(server, library, token, 'dest/a.txt')).toString(), 'aaa');
    assert.deepEqual(await childNames(server, library, token, 'dest'), ['src', 'src (1)', 'a (1).txt', 'a.txt']);
  });

  it('reports bad items one by one', async () => {
    const { library, token } = await seeded();
    const response = await batchCall(server, library, token, 'copy', [
      { copyFrom: 'missing.txt', to: 'x.txt' },
      { copyFrom: 'src', to: 'src/sub/inner' },
      { copyFrom: 'src/a.txt', to: 'no-such-dir/a.txt' },
      { copyFrom: 'src/a.txt', to: 'ok.txt' },
    ]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { code?: string }) => item.code), [
      'SourceFileNotFound',
      'SourceDirectoryIsParentOfDestination',
      'DirectoryNotFound',
      undefined,
    ]);
    assert.equal(response.body.result[1].status, 400);
  });

  it('checks copy_file and copy_directory per item', async () => {
    const { library, token } = await seeded();
    const fileCopier = await createToken(server, library, { grant: 'copy_file' });
    const response = await batchCall(server, library, fileCopier, 'copy', [
      { copyFrom: 'src', to: 'dest/src' },
      { copyFrom: 'src/a.txt', to: 'dest/a.txt' },
      { copyFrom: 'src/a.txt', to: 'dest/a.txt', conflictResolutionStrategy: 'overwrite' },
    ]);
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.result.map((item: { status: number; code?: string }) => [item.status, item.code]), [
      [403, 'NoPermission'],
      [200, undefined],
      [403, 'NoPermission'],
    ]);
    assert.deepEqual(await childNames(server, library, token, 'dest'), ['a.txt']);
  });

  describe('across spaces of one library (copyFromSpaceId)', () => {
    /** A multi-tenant library with src/{a.txt, sub/b.txt} in space A and an empty space B. */
    const twoSpaces = async () => {
      const library = await createLibrary(server, { IsMultiSpace: true });
      const admin = await adminToken(server, library);
      const spaceA = await createSpace(server, library, admin);
      const spaceB = await createSpace(server, library, admin);
      await makeDirectory(server, library, admin, 'src/sub', spaceA);
      await put(library, admin, 'src/a.txt', 'aaa', spaceA);
      await put(library, admin, 'src/sub/b.txt', 'bbbbb', spaceA);
      return { library, admin, spaceA, spaceB };
    };

    it('copies files and trees from another space; the bytes count in the target space', async () => {
      const { library, admin, spaceA, spaceB } = await twoSpaces();
      const response = await batchCall(
        server,
        library,
        admin,
        'copy',
        [
          { copyFrom: 'src', to: 'copied', copyFromSpaceId: spaceA },
          { copyFrom: 'src/a.txt', to: 'a.txt', copyFromSpaceId: spaceA, copyFromLibraryId: library.libraryId },
          { copyFrom: 'src/a.txt', to: 'again.txt', copyFromSpaceId: spaceB },
        ],
        spaceB,
      );
      assert.equal(response.status, 207, JSON.stringify(response.body));
      assert.deepEqual(response.body.result[0], { status: 204, copyFrom: ['src'], to: ['copied'], copyFromSpaceId: spaceA, path: ['copied'] });
      assert.deepEqual(response.body.result[1].path, ['a.txt']);
      // copyFromSpaceId naming the target space is a same-space copy, where the source is missing
      assert.equal(response.body.result[2].code, 'SourceFileNotFound');
      assert.equal((await download(server, library, admin, 'copied/sub/b.txt', spaceB)).toString(), 'bbbbb');
      assert.equal(await spaceSize(server, library, admin, spaceB), 8 + 3);
      assert.equal(await spaceSize(server, library, admin, spaceA), 8);
      assert.deepEqual(
        (await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${spaceA}/${q(admin)}`)).body.contents.map((item: { name: string }) => item.name),
        ['src'],
      );
    });

    it('needs access to both spaces and space_admin; the plain copy grants stay within one space', async () => {
      const { library, spaceA, spaceB } = await twoSpaces();
      const copyItems = [{ copyFrom: 'src/a.txt', to: 'a.txt', copyFromSpaceId: spaceA }];
      const onlyB = await createToken(server, library, { grant: 'space_admin', space_id: spaceB });
      const denied = await batchCall(server, library, onlyB, 'copy', copyItems, spaceB);
      assert.equal(denied.status, 207);
      assert.equal(denied.body.result[0].code, 'AccessTokenNotMatchSpace');
      const plain = await createToken(server, library, { grant: 'copy_file,copy_directory', space_id: `${spaceA},${spaceB}` });
      const noAdmin = await batchCall(server, library, plain, 'copy', copyItems, spaceB);
      assert.equal(noAdmin.body.result[0].code, 'NoPermission');
      const both = await createToken(server, library, { grant: 'space_admin', space_id: `${spaceA},${spaceB}` });
      const copied = await batchCall(server, library, both, 'copy', copyItems, spaceB);
      assert.equal(copied.status, 200, JSON.stringify(copied.body));
      const missingSpace = await batchCall(server, library, both, 'copy', [{ ...copyItems[0], copyFromSpaceId: 'nosuchspace' }], spaceB);
      assert.equal(missingSpace.body.result[0].code, 'AccessTokenNotMatchSpace');
    });
  });
});
