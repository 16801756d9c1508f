import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobExists, blobKeyOf, childNames, mkdirOk, spaceSize } from '../helpers/entry-client.js';
import { allBinItems, binUrl, deleteEntry, recycle, restore, restoreMany, uploadOk } from '../helpers/recycle-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** R4 restore one and R5 restore many (dirs.md §6). */
describe('recycle bin: restore', () => {
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

  it('restores a file to its original path with its bytes, and a directory with its subtree', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'docs/deep');
    await uploadOk(server, library, token, 'docs/a.txt', 'alpha');
    await uploadOk(server, library, token, 'docs/deep/b.txt', 'beta');
    const key = await blobKeyOf(server, library, token, 'docs/a.txt');
    const file = await recycle(server, library, token, 'file', 'docs/a.txt');
    const restored = await restore(server, library, token, file);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.deepEqual(restored.body, { path: ['docs', 'a.txt'] });
    assert.equal(await blobKeyOf(server, library, token, 'docs/a.txt'), key);
    assert.equal((await download(server, library, token, 'docs/a.txt')).toString(), 'alpha');
    const dir = await recycle(server, library, token, 'dir', 'docs');
    // A body of {} and restore=1 are accepted too (dirs.md R4).
    const back = await call(server, 'POST', binUrl(library, token, { restore: '1' }, { item: dir }), { body: {} });
    assert.deepEqual(back.body, { path: ['docs'] });
    assert.deepEqual(await childNames(server, library, token, 'docs'), ['deep', 'a.txt']);
    assert.equal((await download(server, library, token, 'docs/deep/b.txt')).toString(), 'beta');
    assert.deepEqual(await allBinItems(server, library, token), []);
    assert.equal(await spaceSize(server, library, token), 9);
    assertSmhError(await restore(server, library, token, dir), 404, 'RecycledItemNotFound');
  });

  it('renames on a clash by default, 409s under ask, overwrites files under overwrite', async () => {
    await fresh();
    await uploadOk(server, library, token, 'a.txt', 'old!');
    const first = await recycle(server, library, token, 'file', 'a.txt');
    await uploadOk(server, library, token, 'a.txt', 'newer');
    assert.equal(await spaceSize(server, library, token), 9);
    assertSmhError(await restore(server, library, token, first, { conflict_resolution_strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    assertSmhError(await restore(server, library, token, first, { conflict_resolution_strategy: 'sideways' }), 400, 'InvalidConflictResolutionStrategy');
    const renamed = await restore(server, library, token, first);
    assert.deepEqual(renamed.body, { path: ['a (1).txt'] });
    assert.equal((await download(server, library, token, 'a (1).txt')).toString(), 'old!');

    const second = await recycle(server, library, token, 'file', 'a (1).txt');
    await uploadOk(server, library, token, 'a (1).txt', 'replaced');
    const replacedKey = await blobKeyOf(server, library, token, 'a (1).txt');
    assert.equal(await spaceSize(server, library, token), 17);
    const over = await restore(server, library, token, second, { conflict_resolution_strategy: 'overwrite' });
    assert.deepEqual(over.body, { path: ['a (1).txt'] });
    assert.equal((await download(server, library, token, 'a (1).txt')).toString(), 'old!');
    assert.equal(await blobExists(server, replacedKey), false);
    assert.equal(await spaceSize(server, library, token), 9);
  });

  it('never overwrites a directory', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'x/inner');
    const item = await recycle(server, library, token, 'dir', 'x');
    await mkdirOk(server, library, token, 'x');
    assertSmhError(await restore(server, library, token, item, { conflict_resolution_strategy: 'overwrite' }), 409, 'SameNameDirectoryOrFileExists');
    assert.deepEqual((await restore(server, library, token, item)).body, { path: ['x (1)'] });
    assert.deepEqual(await childNames(server, library, token, 'x (1)'), ['inner']);
  });

  it('needs the original parent unless restore_path_strategy=fallbackToRoot', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'gone/sub');
    await uploadOk(server, library, token, 'gone/sub/f.txt', 'f');
    await uploadOk(server, library, token, 'root.txt', 'r');
    const file = await recycle(server, library, token, 'file', 'gone/sub/f.txt');
    const sub = await recycle(server, library, token, 'dir', 'gone/sub');
    assert.equal((await deleteEntry(server, library, token, 'dir', 'gone', { permanent: '1' })).status, 204);
    assertSmhError(await restore(server, library, token, file), 404, 'DirectoryNotFound');
    assertSmhError(await restore(server, library, token, file, { restore_path_strategy: 'originalPath' }), 404, 'DirectoryNotFound');
    assertSmhError(await restore(server, library, token, file, { restore_path_strategy: 'elsewhere' }), 400, 'ParamInvalid');
    assert.deepEqual((await restore(server, library, token, file, { restore_path_strategy: 'fallbackToRoot' })).body, { path: ['f.txt'] });
    assert.deepEqual((await restore(server, library, token, sub, { restore_path_strategy: 'fallbackToRoot' })).body, { path: ['sub'] });
    assert.deepEqual(await childNames(server, library, token, ''), ['sub', 'f.txt', 'root.txt']);
    assert.deepEqual(await childNames(server, library, token, 'sub'), []);
    // fallbackToRoot keeps the original place when it still exists
    await mkdirOk(server, library, token, 'here');
    await uploadOk(server, library, token, 'here/g.txt', 'g');
    const g = await recycle(server, library, token, 'file', 'here/g.txt');
    assert.deepEqual((await restore(server, library, token, g, { restore_path_strategy: 'fallbackToRoot' })).body, { path: ['here', 'g.txt'] });
  });

  it('R5 restores many: 200 when all succeed, 207 with per-item results otherwise', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'keep');
    await mkdirOk(server, library, token, 'lost');
    await uploadOk(server, library, token, 'keep/1.txt', '1');
    await uploadOk(server, library, token, 'keep/2.txt', '2');
    await uploadOk(server, library, token, 'lost/3.txt', '3');
    const one = await recycle(server, library, token, 'file', 'keep/1.txt');
    const two = await recycle(server, library, token, 'file', 'keep/2.txt');
    const three = await recycle(server, library, token, 'file', 'lost/3.txt');
    assert.equal((await deleteEntry(server, library, token, 'dir', 'lost', { permanent: '1' })).status, 204);
    await uploadOk(server, library, token, 'keep/2.txt', 'clash');

    const all = await restoreMany(server, library, token, [one]);
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.deepEqual(all.body, { result: [{ recycledItemId: one, status: 200, path: ['keep', '1.txt'] }] });

    const mixed = await restoreMany(server, library, token, [two, three, 999_999, String(one)]);
    assert.equal(mixed.status, 207, JSON.stringify(mixed.body));
    assert.deepEqual(mixed.body.result, [
      { recycledItemId: two, status: 200, path: ['keep', '2 (1).txt'] },
      { recycledItemId: three, status: 404, code: 'DirectoryNotFound', message: mixed.body.result[1].message },
      { recycledItemId: 999_999, status: 404, code: 'RecycledItemNotFound', message: 'Recycled item not found.' },
      { recycledItemId: one, status: 404, code: 'RecycledItemNotFound', message: 'Recycled item not found.' },
    ]);
    const root = await restoreMany(server, library, token, [three], { restore_path_strategy: 'fallbackToRoot' });
    assert.deepEqual(root.body, { result: [{ recycledItemId: three, status: 200, path: ['3.txt'] }] });
    assert.equal(await spaceSize(server, library, token), 8);
  });

  it('R5 refuses malformed and over-large bodies', async () => {
    await fresh();
    const url = binUrl(library, token, { restore: '' });
    assertSmhError(await call(server, 'POST', url, { body: '[1, 2' }), 400, 'BadRequest');
    assertSmhError(await call(server, 'POST', url, { body: { ids: [1] } }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url, { body: [1, 'two'] }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url, { body: [1.5] }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url, { body: [] }), 400, 'NoItemsProvided');
    assertSmhError(await call(server, 'POST', url), 400, 'NoItemsProvided');
    assertSmhError(await call(server, 'POST', url, { body: Array.from({ length: 1001 }, (_, n) => n + 1) }), 400, 'TooManyItems');
    assertSmhError(await call(server, 'POST', binUrl(library, token, { restore: '', restore_path_strategy: 'x' }), { body: [1] }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', binUrl(library, token)), 404, 'RouteNotFound');
    assertSmhError(await call(server, 'POST', binUrl(library, token, {}, { item: 1 })), 404, 'RouteNotFound');
  });

  it('does not restore an item of another space or library', async () => {
    await fresh({ IsMultiSpace: true });
    const space = async () => (await call(server, 'POST', `/api/v1/space/${library.libraryId}?access_token=${token}`)).body.spaceId as string;
    const [one, two] = [await space(), await space()];
    await uploadOk(server, library, token, 'f.txt', 'f', one);
    const item = await recycle(server, library, token, 'file', 'f.txt', one);
    assertSmhError(await restore(server, library, token, item, {}, two), 404, 'RecycledItemNotFound');
    const batch = await restoreMany(server, library, token, [item], {}, two);
    assert.equal(batch.status, 207);
    assert.equal(batch.body.result[0].code, 'RecycledItemNotFound');
    const otherLibrary = await createLibrary(server, { UseRecycleBin: true });
    const otherToken = await adminToken(server, otherLibrary);
    assertSmhError(await restore(server, otherLibrary, otherToken, item), 404, 'RecycledItemNotFound');
    assert.equal((await allBinItems(server, library, token, {}, one)).length, 1);
  });

  it('lets exactly one of two racing restores (or a restore and a purge) have the item', async () => {
    await fresh();
    await uploadOk(server, library, token, 'race.txt', 'race');
    const item = await recycle(server, library, token, 'file', 'race.txt');
    const statuses = (await Promise.all([restore(server, library, token, item), restore(server, library, token, item)])).map((r) => r.status);
    assert.deepEqual(statuses.sort(), [200, 404]);
    assert.deepEqual(await childNames(server, library, token, ''), ['race.txt']);
    const again = await recycle(server, library, token, 'file', 'race.txt');
    const purge = call(server, 'DELETE', binUrl(library, token, {}, { item: again }));
    const [restored, purged] = await Promise.all([restore(server, library, token, again), purge]);
    assert.equal([restored.status, purged.status].filter((status) => status === 404).length, 1);
    assert.equal(await spaceSize(server, library, token), restored.status === 200 ? 4 : 0);
    assert.deepEqual(await allBinItems(server, library, token), []);
  });

  it('needs restore_recycled (or admin / space_admin)', async () => {
    await fresh();
    await uploadOk(server, library, token, 'a.txt', 'a');
    await uploadOk(server, library, token, 'b.txt', 'b');
    const a = await recycle(server, library, token, 'file', 'a.txt');
    const b = await recycle(server, library, token, 'file', 'b.txt');
    const reader = await createToken(server, library);
    const purger = await createToken(server, library, { grant: 'delete_recycled' });
    for (const who of [reader, purger]) {
      assertSmhError(await restore(server, library, who, a), 403, 'NoPermission');
      assertSmhError(await restoreMany(server, library, who, [a]), 403, 'NoPermission');
    }
    const restorer = await createToken(server, library, { grant: 'restore_recycled' });
    assert.equal((await restore(server, library, restorer, a)).status, 200);
    const spaceAdmin = await createToken(server, library, { grant: 'space_admin' });
    assert.equal((await restoreMany(server, library, spaceAdmin, [b])).status, 200);
    assertSmhError(await call(server, 'POST', `/api/v1/recycled/${library.libraryId}/-/${a}?restore`), 400, 'EmptyAccessToken');
  });
});
