import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { continueSearch, searchAll, startSearch } from '../helpers/search-client.js';
import { adminToken, call, createLibrary, encodePath, type Library, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** S1/S2 paging: 20 per page, integer nextMarker only while hasMore, keyset under concurrent changes. */
describe('search: paging', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const ITEMS = 260;
  const pad = (n: number) => String(n).padStart(3, '0');

  /** ITEMS directories `bulk/item-NNN` (one request each) plus a few unrelated entries. */
  async function bulk(): Promise<{ library: Library; token: string }> {
    const library = await createLibrary(server, { EnableSearch: true });
    const token = await adminToken(server, library);
    for (let i = 0; i < ITEMS; i += 1) {
      await makeDirectory(server, library, token, `bulk/item-${pad(i)}`);
    }
    await makeDirectory(server, library, token, 'other/thing');
    return { library, token };
  }

  it('pages through a few hundred results with the marker, in order, without repeats', async () => {
    const { library, token } = await bulk();
    const first = await startSearch(server, library, token, { keyword: 'item' });
    assert.equal(first.status, 200);
    assert.equal(first.body.contents.length, 20);
    assert.equal(first.body.hasMore, true);
    assert.equal(first.body.nextMarker, 20);
    const second = await continueSearch(server, library, token, first.body.searchId, 20);
    assert.equal(second.body.nextMarker, 40);
    assert.equal(second.body.contents[0].name, 'item-020');
    const names = (await searchAll(server, library, token, { keyword: 'item' })).map((item) => item.name);
    assert.equal(names.length, ITEMS);
    assert.deepEqual(names, Array.from({ length: ITEMS }, (_, i) => `item-${pad(i)}`));
  });

  it('pages keyword-less searches and descending orders the same way', async () => {
    const { library, token } = await bulk();
    const all = await searchAll(server, library, token, { scope: 'bulk', orderBy: 'name', orderByType: 'desc' });
    assert.equal(all.length, ITEMS);
    assert.equal(all[0].name, `item-${pad(ITEMS - 1)}`);
    assert.equal(new Set(all.map((item) => item.name)).size, ITEMS);
    // Creation time ties (same clock ms) are broken by id, so paging still yields each entry once.
    const byTime = await searchAll(server, library, token, { keyword: 'item', orderBy: 'creationTime', orderByType: 'desc' });
    assert.equal(new Set(byTime.map((item) => item.name)).size, ITEMS);
  });

  it('serves the same page again for a repeated marker', async () => {
    const { library, token } = await bulk();
    const first = await startSearch(server, library, token, { keyword: 'item-1' });
    const once = await continueSearch(server, library, token, first.body.searchId, first.body.nextMarker);
    const twice = await continueSearch(server, library, token, first.body.searchId, first.body.nextMarker);
    assert.equal(once.status, 200);
    assert.deepEqual(twice.body, once.body);
  });

  it('neither repeats nor skips entries when others are added or removed between pages', async () => {
    const { library, token } = await bulk();
    const first = await startSearch(server, library, token, { keyword: 'item' });
    const seen = first.body.contents.map((item: any) => item.name);
    // Removing an already-seen entry would shift an offset; a keyset does not care.
    const removed = await call(server, 'DELETE', `/api/v1/directory/${library.libraryId}/-/${encodePath('bulk/item-000')}${q(token)}`);
    assert.equal(removed.status, 204);
    await makeDirectory(server, library, token, 'bulk/item-999');
    let page = (await continueSearch(server, library, token, first.body.searchId, first.body.nextMarker)).body;
    seen.push(...page.contents.map((item: any) => item.name));
    while (page.hasMore) {
      page = (await continueSearch(server, library, token, first.body.searchId, page.nextMarker)).body;
      seen.push(...page.contents.map((item: any) => item.name));
    }
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, ITEMS + 1);
    assert.equal(seen[seen.length - 1], 'item-999');
  });

  it('pages file results and reflects uploads made after the search started', async () => {
    const library = await createLibrary(server, { EnableSearch: true });
    const token = await adminToken(server, library);
    for (let i = 0; i < 25; i += 1) {
      const confirmed = await uploadFile(server, library, token, `photo-${pad(i)}.png`, 'x'.repeat(i + 1));
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    }
    const first = await startSearch(server, library, token, { type: 'image', orderBy: 'size' });
    assert.equal(first.body.contents.length, 20);
    assert.equal(first.body.contents[19].size, '20');
    assert.equal((await uploadFile(server, library, token, 'photo-late.png', 'x'.repeat(100))).status, 200);
    const rest = await continueSearch(server, library, token, first.body.searchId, first.body.nextMarker);
    assert.deepEqual(
      rest.body.contents.map((item: any) => item.size),
      ['21', '22', '23', '24', '25', '100'],
    );
    assert.equal(rest.body.hasMore, false);
  });
});
