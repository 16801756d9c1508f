import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, assertSmhError, createSpace, createToken, type Library } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { historyLibrary, listHistory, put } from '../helpers/version-client.js';

/** H1 paging and ordering (files.md §9.2). */
describe('historical versions: listing (H1)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;

  before(async () => {
    server = await startServer();
    library = await historyLibrary(server, { FileHistoryCount: 20 });
    token = await adminToken(server, library);
    // current = version 6 (size 6), versions 5..1 of sizes 5..1, uploaded a second apart
    for (let n = 1; n <= 6; n += 1) {
      await put(server, library, token, 'list.txt', 'x'.repeat(n));
      server.clock.advance(1000);
    }
  });
  after(async () => {
    await server.close();
  });

  const versionsOf = (body: { contents: { version: number }[] }) => body.contents.map((item) => item.version);

  it('pages with markers: the current file first, then versions; nextMarker until the end', async () => {
    const seen: number[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const response = await listHistory(server, library, token, 'list.txt', { limit: '2', ...(marker ? { marker } : {}) });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.totalNum, undefined);
      seen.push(...versionsOf(response.body));
      if (!response.body.hasMore) {
        assert.equal(response.body.nextMarker, undefined);
        break;
      }
      marker = response.body.nextMarker;
      assert.equal(typeof marker, 'string');
    }
    assert.deepEqual(seen, [6, 5, 4, 3, 2, 1]);
  });

  it('pages with limit 1: the current file alone, then one version per page', async () => {
    const first = await listHistory(server, library, token, 'list.txt', { limit: '1' });
    assert.deepEqual(versionsOf(first.body), [6]);
    assert.equal(first.body.hasMore, true);
    const second = await listHistory(server, library, token, 'list.txt', { limit: '1', marker: first.body.nextMarker });
    assert.deepEqual(versionsOf(second.body), [5]);
  });

  it('pages with page/page_size and reports totalNum; page mode wins over markers', async () => {
    const one = await listHistory(server, library, token, 'list.txt', { page: '1', page_size: '4', limit: '1' });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual(versionsOf(one.body), [6, 5, 4, 3]);
    assert.equal(one.body.totalNum, 6);
    assert.equal(one.body.hasMore, true);
    const two = await listHistory(server, library, token, 'list.txt', { page: '2', page_size: '4' });
    assert.deepEqual(versionsOf(two.body), [2, 1]);
    assert.equal(two.body.hasMore, false);
    const beyond = await listHistory(server, library, token, 'list.txt', { page: '5', page_size: '4' });
    assert.deepEqual(beyond.body.contents, []);
  });

  it('orders by id or creationTime, asc or desc, in both spellings; the current file stays first', async () => {
    const asc = await listHistory(server, library, token, 'list.txt', { order_by: 'creationTime', order_by_type: 'asc' });
    assert.deepEqual(versionsOf(asc.body), [6, 1, 2, 3, 4, 5]);
    const android = await listHistory(server, library, token, 'list.txt', { orderBy: 'id', orderByType: 'asc' });
    assert.deepEqual(versionsOf(android.body), [6, 1, 2, 3, 4, 5]);
    const bySize = await listHistory(server, library, token, 'list.txt', { order_by: 'size', order_by_type: 'desc', limit: '3' });
    assert.deepEqual(versionsOf(bySize.body), [6, 5, 4]);
    const rest = await listHistory(server, library, token, 'list.txt', { order_by: 'size', order_by_type: 'desc', marker: bySize.body.nextMarker });
    assert.deepEqual(versionsOf(rest.body), [3, 2, 1]);
  });

  it('refuses bad parameters', async () => {
    assertSmhError(await listHistory(server, library, token, 'list.txt', { order_by: 'name' }), 400, 'ParamInvalid');
    assertSmhError(await listHistory(server, library, token, 'list.txt', { order_by_type: 'up' }), 400, 'ParamInvalid');
    assertSmhError(await listHistory(server, library, token, 'list.txt', { limit: '0' }), 400, 'ParamInvalid');
    assertSmhError(await listHistory(server, library, token, 'list.txt', { page: '0' }), 400, 'ParamInvalid');
    assertSmhError(await listHistory(server, library, token, 'list.txt', { marker: 'not-a-marker' }), 400, 'MarkerInvalid');
  });

  it('reads with any token of the space, and only of the space', async () => {
    const reader = await createToken(server, library);
    assert.equal((await listHistory(server, library, reader, 'list.txt')).status, 200);
    const other = await historyLibrary(server);
    const foreign = await adminToken(server, other);
    assertSmhError(await listHistory(server, library, foreign, 'list.txt'), 403, 'InvalidAccessToken');
  });

  it('lists per space in multi-tenant libraries', async () => {
    const multi = await historyLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, multi);
    const spaceA = await createSpace(server, multi, admin);
    const spaceB = await createSpace(server, multi, admin);
    await put(server, multi, admin, 'f.txt', 'a1', spaceA);
    await put(server, multi, admin, 'f.txt', 'a2', spaceA);
    const inA = await listHistory(server, multi, admin, 'f.txt', {}, spaceA);
    assert.deepEqual(versionsOf(inA.body), [2, 1]);
    assertSmhError(await listHistory(server, multi, admin, 'f.txt', {}, spaceB), 404, 'FileNotFound');
    const tokenB = await createToken(server, multi, { space_id: spaceB });
    assertSmhError(await listHistory(server, multi, tokenB, 'f.txt', {}, spaceA), 403, 'AccessTokenNotMatchSpace');
  });
});
