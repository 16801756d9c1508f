import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addFavorite, cancelFavorite, favoriteUrl, listFavorites, startSearch } from '../helpers/search-client.js';
import {
  adminToken,
  assertSmhError,
  call,
  createLibrary,
  createSpace,
  createToken,
  encodePath,
  type Library,
  makeDirectory,
  q,
  uploadFile,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Favorites (dirs.md §10 F1–F3) and `isFavorite` on listings, info and search. */
describe('favorites', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function fixture(extension: Record<string, unknown> = {}): Promise<{ library: Library; alice: string; bob: string }> {
    const library = await createLibrary(server, extension);
    const admin = await adminToken(server, library);
    await makeDirectory(server, library, admin, 'docs');
    assert.equal((await uploadFile(server, library, admin, 'docs/a.txt', 'hello')).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'b.png', 'png')).status, 200);
    const alice = await createToken(server, library, { user_id: 'alice' });
    const bob = await createToken(server, library, { user_id: 'bob' });
    return { library, alice, bob };
  }

  const names = (response: { body: any }) => response.body.contents.map((item: any) => item.name);
  const dir = (library: Library, token: string, path: string, extra: Record<string, string> = {}) =>
    call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/${encodePath(path)}${q(token, extra)}`);

  it('adds by path or inode, lists newest first with entry fields, and refuses duplicates', async () => {
    const { library, alice } = await fixture();
    const added = await addFavorite(server, library, alice, { path: 'docs/a.txt' });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(typeof added.body.id, 'number');
    assert.equal(typeof added.body.inode, 'string');
    server.clock.advance(1000);
    const info = await dir(library, alice, 'docs', { info: '', with_inode: '1' });
    assert.equal((await addFavorite(server, library, alice, { inode: info.body.inode, path: 'ignored' })).status, 200);
    assertSmhError(await addFavorite(server, library, alice, { path: '/docs/a.txt' }), 409, 'DuplicateFavoriteRecord');
    assertSmhError(await addFavorite(server, library, alice, { inode: added.body.inode }), 409, 'DuplicateFavoriteRecord');
    const list = await listFavorites(server, library, alice);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(names(list), ['docs', 'a.txt']);
    const file = list.body.contents[1];
    assert.equal(file.inode, added.body.inode);
    assert.equal(file.type, 'file');
    assert.equal(file.size, '5');
    assert.equal(file.spaceId, '-');
    assert.equal(file.userId, 'alice');
    assert.match(file.favoriteTime, /^\d{4}-\d\d-\d\dT/);
    assert.equal(file.path, undefined);
    assert.equal(list.body.nextMarker, undefined);
    const withPath = await listFavorites(server, library, alice, { with_path: 'true', order_by_type: 'asc' });
    assert.deepEqual(withPath.body.contents.map((item: any) => item.path), [['docs', 'a.txt'], ['docs']]);
  });

  it('keeps favorites per user, follows moves and drops deleted entries', async () => {
    const { library, alice, bob } = await fixture();
    const admin = await adminToken(server, library);
    assert.equal((await addFavorite(server, library, alice, { path: 'b.png' })).status, 200);
    assert.equal((await addFavorite(server, library, bob, { path: 'docs/a.txt' })).status, 200);
    assert.deepEqual(names(await listFavorites(server, library, alice)), ['b.png']);
    assert.deepEqual(names(await listFavorites(server, library, bob)), ['a.txt']);
    const moved = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/docs/moved.png${q(admin)}`, { body: { from: 'b.png' } });
    assert.ok(moved.status < 300, JSON.stringify(moved.body));
    const after = await listFavorites(server, library, alice, { with_path: 'true' });
    assert.deepEqual(after.body.contents.map((item: any) => item.path), [['docs', 'moved.png']]);
    assert.equal((await call(server, 'DELETE', `/api/v1/file/${library.libraryId}/-/docs/moved.png${q(admin)}`)).status, 204);
    assert.deepEqual(names(await listFavorites(server, library, alice)), []);
    assert.equal((await listFavorites(server, library, alice, { page: '1' })).body.totalNum, 0);
  });

  it('cancels by path or inode, including the Android trailing-slash form', async () => {
    const { library, alice } = await fixture();
    const added = await addFavorite(server, library, alice, { path: 'docs/a.txt' });
    assert.equal((await addFavorite(server, library, alice, { path: 'docs' })).status, 200);
    const cancelled = await cancelFavorite(server, library, alice, { path: 'docs/a.txt' });
    assert.equal(cancelled.status, 204);
    assert.equal(cancelled.body, undefined);
    assertSmhError(await cancelFavorite(server, library, alice, { inode: added.body.inode }), 404, 'FavoriteIdNotFound');
    const slash = await call(server, 'POST', favoriteUrl(library, alice, '/', { cancel: '' }), { body: { path: 'docs' } });
    assert.equal(slash.status, 204, JSON.stringify(slash.body));
    assert.deepEqual(names(await listFavorites(server, library, alice)), []);
  });

  it('pages by marker and by page', async () => {
    const { library, alice } = await fixture();
    const admin = await adminToken(server, library);
    for (let i = 0; i < 45; i += 1) {
      await makeDirectory(server, library, admin, `many/d${String(i).padStart(2, '0')}`);
      assert.equal((await addFavorite(server, library, alice, { path: `many/d${String(i).padStart(2, '0')}` })).status, 200);
    }
    const seen: string[] = [];
    let page = await listFavorites(server, library, alice, { limit: '20' });
    seen.push(...names(page));
    while (page.body.nextMarker) {
      assert.equal(typeof page.body.nextMarker, 'string');
      page = await listFavorites(server, library, alice, { limit: '20', marker: page.body.nextMarker });
      seen.push(...names(page));
    }
    assert.equal(seen.length, 45);
    assert.equal(new Set(seen).size, 45);
    assert.equal(seen[0], 'd44');
    const paged = await listFavorites(server, library, alice, { page: '3', page_size: '20', order_by_type: 'asc' });
    assert.equal(paged.body.totalNum, 45);
    assert.deepEqual(names(paged), ['d40', 'd41', 'd42', 'd43', 'd44']);
    assert.equal(paged.body.nextMarker, undefined);
  });

  it('flags isFavorite on listings, info and search only with with_favorite_status=1', async () => {
    const { library, alice, bob } = await fixture({ EnableSearch: true });
    assert.equal((await addFavorite(server, library, alice, { path: 'docs/a.txt' })).status, 200);
    const listed = await dir(library, alice, 'docs', { with_favorite_status: '1' });
    assert.deepEqual(listed.body.contents.map((item: any) => [item.name, item.isFavorite]), [['a.txt', true]]);
    const root = await dir(library, alice, '', { with_favorite_status: '1' });
    assert.deepEqual(root.body.contents.map((item: any) => [item.name, item.isFavorite]), [['docs', false], ['b.png', false]]);
    assert.equal((await dir(library, alice, 'docs')).body.contents[0].isFavorite, undefined);
    assert.equal((await dir(library, alice, 'docs/a.txt', { info: '', with_favorite_status: '1' })).body.isFavorite, true);
    assert.equal((await dir(library, bob, 'docs/a.txt', { info: '', with_favorite_status: '1' })).body.isFavorite, false);
    assert.equal((await dir(library, alice, 'docs/a.txt', { info: '' })).body.isFavorite, undefined);
    const found = await startSearch(server, library, alice, { keyword: 'a.txt' }, { extra: { with_favorite_status: '1' } });
    assert.deepEqual(found.body.contents.map((item: any) => [item.name, item.isFavorite]), [['a.txt', true]]);
  });

  it('rejects bad input, anonymous callers and other spaces', async () => {
    const { library, alice } = await fixture();
    assertSmhError(await addFavorite(server, library, alice, {}), 400, 'ParamInvalid');
    assertSmhError(await addFavorite(server, library, alice, { path: 7 }), 400, 'ParamInvalid');
    assertSmhError(await addFavorite(server, library, alice, { inode: 7 }), 400, 'ParamInvalid');
    assertSmhError(await addFavorite(server, library, alice, { path: '' }), 400, 'EmptyPath');
    assertSmhError(await addFavorite(server, library, alice, { path: 'nope.txt' }), 404, 'PathNotFound');
    assertSmhError(await addFavorite(server, library, alice, { inode: 'f'.repeat(32) }), 404, 'PathNotFound');
    assertSmhError(await cancelFavorite(server, library, alice, { path: 'b.png' }), 404, 'FavoriteIdNotFound');
    assertSmhError(await listFavorites(server, library, alice, { marker: 'garbage' }), 400, 'MarkerInvalid');
    assertSmhError(await listFavorites(server, library, alice, { order_by: 'name' }), 400, 'ParamInvalid');
    assertSmhError(await listFavorites(server, library, alice, { order_by_type: 'sideways' }), 400, 'ParamInvalid');
    assertSmhError(await listFavorites(server, library, alice, { page: '1', limit: '5' }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', `/api/v1/favorite/${library.libraryId}/-`, { body: { path: 'b.png' } }), 400, 'EmptyAccessToken');
    const inode = (await addFavorite(server, library, alice, { path: 'b.png' })).body.inode;

    const multi = await createLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, multi);
    const spaceA = await createSpace(server, multi, admin);
    const spaceB = await createSpace(server, multi, admin);
    const carol = await createToken(server, multi, { user_id: 'carol', space_id: spaceA });
    await makeDirectory(server, multi, admin, 'only-in-a', spaceA);
    assert.equal((await addFavorite(server, multi, carol, { path: 'only-in-a' }, spaceA)).status, 200);
    assertSmhError(await addFavorite(server, multi, carol, { path: 'only-in-a' }, spaceB), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await listFavorites(server, multi, carol, {}, spaceB), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await addFavorite(server, multi, admin, { path: 'only-in-a' }, spaceB), 404, 'PathNotFound');
    assertSmhError(await addFavorite(server, multi, admin, { inode }, spaceA), 404, 'PathNotFound');
    assertSmhError(await addFavorite(server, multi, alice, { path: 'only-in-a' }, spaceA), 403, 'InvalidAccessToken');
  });
});
