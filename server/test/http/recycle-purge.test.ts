import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobExists, blobKeyOf, dirUrl, fileUrl, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import {
  allBinItems,
  binUrl,
  eventually,
  fileCount,
  listBin,
  purgeMany,
  purgeOne,
  recycle,
  uploadOk,
} from '../helpers/recycle-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** R6 purge one, R7 purge many, R8 empty (dirs.md §6). */
describe('recycle bin: permanent deletion', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });
  const fresh = async (extension: Record<string, unknown> = {}) => {
    library = await createLibrary(server, { UseRecycleBin: true, ...extension });
    token = await adminToken(server, library);
  };

  it('R6 purges one item: 204, its bytes and its share of the space size are freed', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'd/e');
    await uploadOk(server, library, token, 'd/e/x.txt', 'xxxx');
    await uploadOk(server, library, token, 'd/y.txt', 'yy');
    await uploadOk(server, library, token, 'keep.txt', 'k');
    const keys = [await blobKeyOf(server, library, token, 'd/e/x.txt'), await blobKeyOf(server, library, token, 'd/y.txt')];
    const item = await recycle(server, library, token, 'dir', 'd');
    assert.equal(await spaceSize(server, library, token), 7);
    const purged = await purgeOne(server, library, token, item);
    assert.equal(purged.status, 204);
    assert.equal(purged.body, undefined);
    for (const key of keys) {
      assert.equal(await blobExists(server, key), false);
    }
    assert.equal(await spaceSize(server, library, token), 1);
    assert.deepEqual(await allBinItems(server, library, token), []);
    assert.deepEqual(await fileCount(server, library, token), { fileNum: 1, dirNum: 0, recycledFileNum: 0, recycledDirNum: 0, historyFileNum: 0 });
    assertSmhError(await purgeOne(server, library, token, item), 404, 'RecycledItemNotFound');
    assertSmhError(await purgeOne(server, library, token, 'nope'), 404, 'RecycledItemNotFound');
  });

  it('keeps a blob a live copy still shares when the bin is purged', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'src');
    await uploadOk(server, library, token, 'src/shared.txt', 'shared bytes');
    assert.equal((await call(server, 'PUT', dirUrl(library, 'twin', token), { body: { copyFrom: 'src' } })).status, 204);
    assert.equal((await call(server, 'PUT', fileUrl(library, 'solo.txt', token), { body: { copyFrom: 'src/shared.txt' } })).status, 200);
    const key = await blobKeyOf(server, library, token, 'src/shared.txt');
    assert.equal(await blobKeyOf(server, library, token, 'twin/shared.txt'), key);
    assert.equal(await spaceSize(server, library, token), 36);
    const dir = await recycle(server, library, token, 'dir', 'src');
    const file = await recycle(server, library, token, 'file', 'solo.txt');
    assert.equal((await purgeOne(server, library, token, dir)).status, 204);
    assert.equal((await purgeOne(server, library, token, file)).status, 204);
    assert.equal(await blobExists(server, key), true);
    assert.equal((await download(server, library, token, 'twin/shared.txt')).toString(), 'shared bytes');
    assert.equal(await spaceSize(server, library, token), 12);
    // The last reference in the bin frees it.
    const last = await recycle(server, library, token, 'file', 'twin/shared.txt');
    assert.equal(await blobExists(server, key), true);
    assert.equal((await purgeOne(server, library, token, last)).status, 204);
    assert.equal(await blobExists(server, key), false);
    assert.equal(await spaceSize(server, library, token), 0);
  });

  it('purges a file’s history versions with it', async () => {
    await fresh({ EnableFileHistory: true, FileHistoryCount: 5, FileHistoryExpireDay: 0 });
    await uploadOk(server, library, token, 'doc.txt', 'first');
    const oldKey = await blobKeyOf(server, library, token, 'doc.txt');
    const second = await uploadFile(server, library, token, 'doc.txt', 'second!', { strategy: 'overwrite' });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(await spaceSize(server, library, token), 12);
    const item = await recycle(server, library, token, 'file', 'doc.txt');
    assert.equal(await spaceSize(server, library, token), 12);
    assert.equal((await purgeOne(server, library, token, item)).status, 204);
    assert.equal(await spaceSize(server, library, token), 0);
    assert.equal(await blobExists(server, oldKey), false);
  });

  it('R7 purges the listed items of this space and skips the rest', async () => {
    await fresh({ IsMultiSpace: true });
    const space = async () => (await call(server, 'POST', `/api/v1/space/${library.libraryId}?access_token=${token}`)).body.spaceId as string;
    const [one, two] = [await space(), await space()];
    const ids: number[] = [];
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      await uploadOk(server, library, token, name, name, one);
      ids.push(await recycle(server, library, token, 'file', name, one));
    }
    await uploadOk(server, library, token, 'other.txt', 'other', two);
    const foreign = await recycle(server, library, token, 'file', 'other.txt', two);
    const response = await purgeMany(server, library, token, [ids[0], ids[2], foreign, 999_999, ids[0]], one);
    assert.equal(response.status, 204, JSON.stringify(response.body));
    assert.deepEqual((await allBinItems(server, library, token, {}, one)).map((item) => item.name), ['b.txt']);
    assert.equal((await allBinItems(server, library, token, {}, two)).length, 1);
    assert.equal(await spaceSize(server, library, token, one), 5);
    assert.equal(await spaceSize(server, library, token, two), 5);
    // FLT sends DELETE ?delete with the same body.
    const flt = await call(server, 'DELETE', binUrl(library, token, { delete: '' }, { space: one }), { body: [ids[1]] });
    assert.equal(flt.status, 204);
    assert.deepEqual(await allBinItems(server, library, token, {}, one), []);
    assert.equal(await spaceSize(server, library, token, one), 0);
  });

  it('R7 refuses malformed and over-large bodies', async () => {
    await fresh();
    assertSmhError(await purgeMany(server, library, token, '{"oops"'), 400, 'BadRequest');
    assertSmhError(await purgeMany(server, library, token, { recycledItemIds: [1] }), 400, 'ParamInvalid');
    assertSmhError(await purgeMany(server, library, token, [true]), 400, 'ParamInvalid');
    assertSmhError(await purgeMany(server, library, token, []), 400, 'NoItemsProvided');
    assertSmhError(await call(server, 'POST', binUrl(library, token, { delete: '' })), 400, 'NoItemsProvided');
    assertSmhError(await purgeMany(server, library, token, Array.from({ length: 1001 }, (_, n) => n + 1)), 400, 'TooManyItems');
  });

  it('R8 empties the bin: items vanish at once, bytes and size are freed shortly after', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'dir');
    const keys: string[] = [];
    for (let n = 0; n < 30; n += 1) {
      await uploadOk(server, library, token, `dir/f${n}.txt`, 'ten bytes!');
      keys.push(await blobKeyOf(server, library, token, `dir/f${n}.txt`));
    }
    await uploadOk(server, library, token, 'loose.txt', 'loose');
    await uploadOk(server, library, token, 'stays.txt', 'stays');
    await recycle(server, library, token, 'dir', 'dir');
    await recycle(server, library, token, 'file', 'loose.txt');
    assert.equal(await spaceSize(server, library, token), 310);
    const emptied = await call(server, 'DELETE', binUrl(library, token));
    assert.equal(emptied.status, 204);
    const listed = await listBin(server, library, token);
    assert.deepEqual([listed.body.totalNum, listed.body.contents], [0, []]);
    assert.equal((await fileCount(server, library, token)).recycledFileNum, 0);
    await eventually(async () => (await spaceSize(server, library, token)) === 5, 'the emptied bin to release its bytes');
    for (const key of keys) {
      assert.equal(await blobExists(server, key), false);
    }
    assert.equal((await download(server, library, token, 'stays.txt')).toString(), 'stays');
    // Emptying an empty bin is fine, and the bin works as before afterwards.
    assert.equal((await call(server, 'DELETE', binUrl(library, token))).status, 204);
    await recycle(server, library, token, 'file', 'stays.txt');
    assert.equal((await allBinItems(server, library, token)).length, 1);
  });

  it('needs delete_recycled (or admin / space_admin) for R6, R7 and R8', async () => {
    await fresh();
    await uploadOk(server, library, token, 'a.txt', 'a');
    const item = await recycle(server, library, token, 'file', 'a.txt');
    const reader = await createToken(server, library);
    const restorer = await createToken(server, library, { grant: 'restore_recycled' });
    for (const who of [reader, restorer]) {
      assertSmhError(await purgeOne(server, library, who, item), 403, 'NoPermission');
      assertSmhError(await purgeMany(server, library, who, [item]), 403, 'NoPermission');
      assertSmhError(await call(server, 'DELETE', binUrl(library, who)), 403, 'NoPermission');
    }
    assert.equal((await allBinItems(server, library, token)).length, 1);
    const purger = await createToken(server, library, { grant: 'delete_recycled' });
    assert.equal((await purgeOne(server, library, purger, item)).status, 204);
    assert.equal((await call(server, 'DELETE', binUrl(library, purger))).status, 204);
    assertSmhError(await call(server, 'DELETE', `/api/v1/recycled/${library.libraryId}/-`), 400, 'EmptyAccessToken');
  });
});
