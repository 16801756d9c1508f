import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobExists, blobKeyOf, childNames, dirUrl, fileUrl, listDir, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import {
  allBinItems,
  binUrl,
  deleteEntry,
  fileCount,
  listBin,
  purgeMany,
  purgeOne,
  recycle,
  restore,
  restoreMany,
  setLifecycle,
  uploadOk,
} from '../helpers/recycle-client.js';
import { searchNames } from '../helpers/search-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** D9 / files.md §8.1 deletes with the recycle bin on and off (dirs.md §6). */
describe('recycle bin: deleting into the bin', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });
  const fresh = async (extension: Record<string, unknown> = { UseRecycleBin: true }) => {
    library = await createLibrary(server, extension);
    token = await adminToken(server, library);
  };

  it('moves a file to the bin: 200 {recycledItemId}, gone from listing, info and download, bytes kept', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'docs');
    await uploadOk(server, library, token, 'docs/a.txt', 'hello');
    const key = await blobKeyOf(server, library, token, 'docs/a.txt');
    const id = await recycle(server, library, token, 'file', 'docs/a.txt');
    assert.deepEqual(await childNames(server, library, token, 'docs'), []);
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/a.txt', token)), 404, 'FileNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/a.txt', token, { info: '' })), 404, 'FileNotFound');
    assertSmhError(await call(server, 'GET', dirUrl(library, 'docs/a.txt', token, { info: '' })), 404, 'PathNotFound');
    assert.equal(await blobExists(server, key), true);
    const items = await allBinItems(server, library, token);
    assert.deepEqual(
      items.map((item) => [item.recycledItemId, item.name, item.originalPath, item.type, item.size]),
      [[id, 'a.txt', ['docs', 'a.txt'], 'file', '5']],
    );
    // Bin bytes still occupy storage, so they still count in the space's size.
    assert.equal(await spaceSize(server, library, token), 5);
  });

  it('moves a directory with its subtree as ONE item, and a re-created path is not blocked', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'top/sub/deeper');
    await uploadOk(server, library, token, 'top/one.txt', '1');
    await uploadOk(server, library, token, 'top/sub/deeper/two.txt', '22');
    const id = await recycle(server, library, token, 'dir', 'top');
    assert.deepEqual(await childNames(server, library, token, ''), []);
    assertSmhError(await listDir(server, library, token, 'top/sub'), 404, 'DirectoryNotFound');
    const items = await allBinItems(server, library, token);
    assert.equal(items.length, 1);
    assert.equal(items[0].recycledItemId, id);
    assert.equal(items[0].type, 'dir');
    assert.equal(items[0].size, '3');
    assert.deepEqual(await fileCount(server, library, token), { fileNum: 2, dirNum: 3, recycledFileNum: 2, recycledDirNum: 3, historyFileNum: 0 });
    // The same paths again: the bin copy blocks nothing.
    await mkdirOk(server, library, token, 'top/sub/deeper');
    await uploadOk(server, library, token, 'top/sub/deeper/two.txt', 'fresh');
    assert.equal((await download(server, library, token, 'top/sub/deeper/two.txt')).toString(), 'fresh');
    const again = await recycle(server, library, token, 'dir', 'top');
    assert.notEqual(again, id);
    assert.equal((await allBinItems(server, library, token)).length, 2);
    assert.equal(await spaceSize(server, library, token), 8);
  });

  it('gives two racing deletes of one file one bin item, and the loser a 404', async () => {
    await fresh();
    await uploadOk(server, library, token, 'twice.txt', 'twice');
    const responses = await Promise.all([deleteEntry(server, library, token, 'file', 'twice.txt'), deleteEntry(server, library, token, 'file', 'twice.txt')]);
    assert.deepEqual(responses.map((response) => response.status).sort(), [200, 404]);
    assert.equal((await allBinItems(server, library, token)).length, 1);
    assert.equal((await fileCount(server, library, token)).recycledFileNum, 1);
    assert.equal(await spaceSize(server, library, token), 5);
  });

  it('keeps recycled entries out of search, and they come back on restore', async () => {
    await fresh({ UseRecycleBin: true, EnableSearch: true });
    await mkdirOk(server, library, token, 'notes');
    await uploadOk(server, library, token, 'notes/needle-one.txt', 'x');
    await uploadOk(server, library, token, 'needle-two.txt', 'y');
    const dirId = await recycle(server, library, token, 'dir', 'notes');
    await recycle(server, library, token, 'file', 'needle-two.txt');
    assert.deepEqual(await searchNames(server, library, token, { keyword: 'needle' }), []);
    assert.equal((await restore(server, library, token, dirId)).status, 200);
    assert.deepEqual(await searchNames(server, library, token, { keyword: 'needle' }), ['needle-one.txt']);
  });

  it('deletes for good with permanent=1 (needs the *_permanent grants), or when the bin is off', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'd');
    await uploadOk(server, library, token, 'd/f.txt', 'abc');
    await uploadOk(server, library, token, 'g.txt', 'defg');
    const keys = [await blobKeyOf(server, library, token, 'd/f.txt'), await blobKeyOf(server, library, token, 'g.txt')];
    const plainFile = await createToken(server, library, { grant: 'delete_file' });
    const plainDir = await createToken(server, library, { grant: 'delete_directory' });
    assertSmhError(await deleteEntry(server, library, plainFile, 'file', 'g.txt', { permanent: '1' }), 403, 'NoPermission');
    assertSmhError(await deleteEntry(server, library, plainDir, 'dir', 'd', { permanent: '1' }), 403, 'NoPermission');
    const permFile = await createToken(server, library, { grant: 'delete_file_permanent' });
    const permDir = await createToken(server, library, { grant: 'delete_directory_permanent' });
    // The permanent grants alone do not cover moving to the bin.
    assertSmhError(await deleteEntry(server, library, permFile, 'file', 'g.txt'), 403, 'NoPermission');
    const file = await deleteEntry(server, library, permFile, 'file', 'g.txt', { permanent: '1' });
    assert.equal(file.status, 204);
    assert.equal(file.body, undefined);
    assert.equal((await deleteEntry(server, library, permDir, 'dir', 'd', { permanent: 'true' })).status, 204);
    for (const key of keys) {
      assert.equal(await blobExists(server, key), false);
    }
    assert.deepEqual(await allBinItems(server, library, token), []);
    assert.equal(await spaceSize(server, library, token), 0);
    // permanent=0 is the bin
    await uploadOk(server, library, token, 'h.txt', 'h');
    assert.equal((await deleteEntry(server, library, plainFile, 'file', 'h.txt', { permanent: '0' })).status, 200);

    await fresh({ UseRecycleBin: false });
    await uploadOk(server, library, token, 'x.txt', 'x');
    const off = await createToken(server, library, { grant: 'delete_file' });
    assert.equal((await deleteEntry(server, library, off, 'file', 'x.txt', { permanent: '1' })).status, 204);
  });

  it('answers RecycleBinNotEnabled on every bin endpoint while the bin is off', async () => {
    await fresh({ UseRecycleBin: false });
    await uploadOk(server, library, token, 'x.txt', 'x');
    assert.equal((await deleteEntry(server, library, token, 'file', 'x.txt')).status, 204);
    const calls = [
      listBin(server, library, token),
      call(server, 'GET', binUrl(library, token, { info: '' }, { item: 1 })),
      call(server, 'GET', binUrl(library, token, { preview: '' }, { item: 1 })),
      restore(server, library, token, 1),
      restoreMany(server, library, token, [1]),
      purgeOne(server, library, token, 1),
      purgeMany(server, library, token, [1]),
      call(server, 'DELETE', binUrl(library, token)),
      setLifecycle(server, library, token, { retentionDays: 5 }),
    ];
    for (const response of await Promise.all(calls)) {
      assertSmhError(response, 400, 'RecycleBinNotEnabled');
    }
  });

  it('sends a big directory to the bin and back in one call each, with exact size and counts', async () => {
    await fresh();
    const FILES = 300;
    await mkdirOk(server, library, token, 'big/a');
    await mkdirOk(server, library, token, 'big/b');
    let bytes = 0;
    for (let start = 0; start < FILES; start += 4) {
      await Promise.all(
        Array.from({ length: 4 }, (_, offset) => {
          const n = start + offset;
          bytes += String(n).length;
          return uploadOk(server, library, token, `big/${n % 2 === 0 ? 'a' : 'b'}/f${n}.txt`, String(n));
        }),
      );
    }
    await uploadOk(server, library, token, 'outside.txt', 'keep');
    const before = await spaceSize(server, library, token);
    assert.equal(before, bytes + 4);
    const id = await recycle(server, library, token, 'dir', 'big');
    assert.deepEqual(await childNames(server, library, token, ''), ['outside.txt']);
    assert.equal(await spaceSize(server, library, token), before);
    const counts = await fileCount(server, library, token);
    assert.equal(counts.recycledFileNum, FILES);
    assert.equal(counts.recycledDirNum, 3);
    assert.equal(counts.fileNum, FILES + 1);
    const items = await allBinItems(server, library, token);
    assert.deepEqual(items.map((item) => [item.recycledItemId, item.size]), [[id, String(bytes)]]);

    const restored = await restore(server, library, token, id);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.deepEqual(restored.body, { path: ['big'] });
    assert.equal((await childNames(server, library, token, 'big/a')).length, FILES / 2);
    assert.equal((await childNames(server, library, token, 'big/b')).length, FILES / 2);
    assert.equal((await download(server, library, token, 'big/b/f299.txt')).toString(), '299');
    assert.equal(await spaceSize(server, library, token), before);
    assert.deepEqual(await fileCount(server, library, token), { fileNum: FILES + 1, dirNum: 3, recycledFileNum: 0, recycledDirNum: 0, historyFileNum: 0 });
    assert.deepEqual(await allBinItems(server, library, token), []);
  });

  it('recycles in a multi-tenant space without touching the other spaces', async () => {
    await fresh({ UseRecycleBin: true, IsMultiSpace: true });
    const made = async () => {
      const response = await call(server, 'POST', `/api/v1/space/${library.libraryId}?access_token=${token}`);
      assert.equal(response.status, 201);
      return response.body.spaceId as string;
    };
    const [one, two] = [await made(), await made()];
    await uploadOk(server, library, token, 'same.txt', 'one', one);
    await uploadOk(server, library, token, 'same.txt', 'two!', two);
    const id = await recycle(server, library, token, 'file', 'same.txt', one);
    assert.equal((await allBinItems(server, library, token, {}, one)).length, 1);
    assert.deepEqual(await allBinItems(server, library, token, {}, two), []);
    assertSmhError(await restore(server, library, token, id, {}, two), 404, 'RecycledItemNotFound');
    assert.equal((await download(server, library, token, 'same.txt', two)).toString(), 'two!');
    assert.equal(await spaceSize(server, library, token, one), 3);
    assert.equal(await spaceSize(server, library, token, two), 4);
    // Deleting the space takes its bin along, bytes included.
    const key = new URL((await call(server, 'GET', binUrl(library, token, { info: '' }, { space: one, item: id }))).body.cosUrl).searchParams.get('k');
    assert.ok(key);
    assert.equal((await call(server, 'DELETE', `/api/v1/space/${library.libraryId}/${one}?access_token=${token}&force=1`)).status, 204);
    assert.equal(await blobExists(server, key), false);
  });
});
