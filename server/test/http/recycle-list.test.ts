import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdirOk } from '../helpers/entry-client.js';
import { allBinItems, binUrl, DAY_MS, listBin, recycle, setLifecycle, uploadOk } from '../helpers/recycle-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** R1 list, R2 info and R3 preview (dirs.md §6). */
describe('recycle bin: list, info and preview', () => {
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
  /** Five files of different names and sizes, deleted a minute apart in a shuffled order. */
  const five = async () => {
    await fresh({ AutoRemoveRecycledDays: 30 });
    const files: [string, string][] = [['c.txt', '333'], ['a.txt', '1'], ['e.txt', '55555'], ['b.txt', '22'], ['d.txt', '4444']];
    const ids = new Map<string, number>();
    for (const [name, content] of files) {
      await uploadOk(server, library, token, name, content);
    }
    for (const [name] of files) {
      ids.set(name, await recycle(server, library, token, 'file', name));
      server.clock.advance(60_000);
    }
    return ids;
  };
  const names = (items: any[]) => items.map((item) => item.name);

  it('lists items with their fields, newest deletion first by default', async () => {
    const ids = await five();
    const response = await listBin(server, library, token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.totalNum, 5);
    assert.equal(response.body.nextMarker, undefined);
    assert.deepEqual(names(response.body.contents), ['d.txt', 'b.txt', 'e.txt', 'a.txt', 'c.txt']);
    const item = response.body.contents.find((entry: any) => entry.name === 'e.txt');
    assert.equal(item.recycledItemId, ids.get('e.txt'));
    assert.deepEqual(item.originalPath, ['e.txt']);
    assert.equal(item.spaceId, '-');
    assert.equal(item.type, 'file');
    assert.equal(item.size, '5');
    assert.equal(item.fileType, 'text');
    assert.equal(typeof item.crc64, 'string');
    assert.match(item.removalTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(item.creationTime, /Z$/);
    assert.match(item.modificationTime, /Z$/);
    // Deleted minutes ago with 30 days' retention: 29 whole days (and some hours) remain.
    assert.equal(item.remainingTime, 29);
    assert.deepEqual(item.authorityList, { canDelete: true, canRestore: true });
    server.clock.advance(10 * DAY_MS);
    token = await adminToken(server, library); // the old one expired meanwhile
    const later = await listBin(server, library, token, { order_by: 'name' });
    assert.deepEqual(later.body.contents.map((entry: any) => entry.remainingTime), [19, 19, 19, 19, 19]);
  });

  it('sorts by every documented key, both ways', async () => {
    await five();
    const order = async (orderBy: string, type?: string) =>
      names(await allBinItems(server, library, token, { order_by: orderBy, ...(type ? { order_by_type: type } : {}) }));
    assert.deepEqual(await order('name'), ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
    assert.deepEqual(await order('name', 'desc'), ['e.txt', 'd.txt', 'c.txt', 'b.txt', 'a.txt']);
    assert.deepEqual(await order('size'), ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
    assert.deepEqual(await order('size', 'desc'), ['e.txt', 'd.txt', 'c.txt', 'b.txt', 'a.txt']);
    assert.deepEqual(await order('removalTime'), ['c.txt', 'a.txt', 'e.txt', 'b.txt', 'd.txt']);
    assert.deepEqual(await order('remainingTime'), ['c.txt', 'a.txt', 'e.txt', 'b.txt', 'd.txt']);
    assert.deepEqual(await order('remainingTime', 'desc'), ['d.txt', 'b.txt', 'e.txt', 'a.txt', 'c.txt']);
    // Uploaded in name order c, a, e, b, d: modification time follows upload order.
    assert.deepEqual(await order('modificationTime'), ['c.txt', 'a.txt', 'e.txt', 'b.txt', 'd.txt']);
    // Android spells it camelCase.
    assert.deepEqual(names(await allBinItems(server, library, token, { orderBy: 'size', orderByType: 'desc' })), ['e.txt', 'd.txt', 'c.txt', 'b.txt', 'a.txt']);
  });

  it('orders remainingTime by each item’s own retention: a shorter R9 applies only to later deletions', async () => {
    await fresh({ AutoRemoveRecycledDays: 30 });
    for (const name of ['old.txt', 'new.txt']) {
      await uploadOk(server, library, token, name, name);
    }
    await recycle(server, library, token, 'file', 'old.txt');
    assert.equal((await setLifecycle(server, library, token, { retentionDays: 5 })).status, 204);
    await recycle(server, library, token, 'file', 'new.txt');
    const items = await allBinItems(server, library, token, { order_by: 'remainingTime' });
    assert.deepEqual(items.map((item) => [item.name, item.remainingTime]), [['new.txt', 4], ['old.txt', 29]]);
  });

  it('pages by marker (limit) and by page (page, page_size)', async () => {
    await five();
    const first = await listBin(server, library, token, { order_by: 'size', limit: '2' });
    assert.deepEqual(names(first.body.contents), ['a.txt', 'b.txt']);
    assert.equal(typeof first.body.nextMarker, 'string');
    const second = await listBin(server, library, token, { order_by: 'size', limit: '2', marker: first.body.nextMarker });
    assert.deepEqual(names(second.body.contents), ['c.txt', 'd.txt']);
    const third = await listBin(server, library, token, { order_by: 'size', limit: '2', marker: second.body.nextMarker });
    assert.deepEqual(names(third.body.contents), ['e.txt']);
    assert.equal(third.body.nextMarker, undefined);
    const page = await listBin(server, library, token, { order_by: 'name', page: '2', page_size: '2' });
    assert.equal(page.status, 200);
    assert.deepEqual(names(page.body.contents), ['c.txt', 'd.txt']);
    assert.equal(page.body.totalNum, 5);
    assert.equal(page.body.nextMarker, undefined);
    const beyond = await listBin(server, library, token, { page: '4', page_size: '2' });
    assert.deepEqual(beyond.body.contents, []);
  });

  it('refuses bad list parameters', async () => {
    await five();
    const bad = async (extra: Record<string, string>, code = 'ParamInvalid', status = 400) =>
      assertSmhError(await listBin(server, library, token, extra), status, code);
    await bad({ order_by: 'creationTime' });
    await bad({ order_by: 'name', order_by_type: 'up' });
    await bad({ limit: '101' });
    await bad({ limit: '0' });
    await bad({ page: '1', marker: 'x' });
    await bad({ page_size: '1000', page: '11' });
    await bad({ marker: '!!!not-a-marker' }, 'MarkerInvalid');
    const marker = (await listBin(server, library, token, { order_by: 'name', limit: '1' })).body.nextMarker;
    await bad({ order_by: 'size', marker }, 'MarkerInvalid');
    await bad({ order_by: 'name', order_by_type: 'desc', marker }, 'MarkerInvalid');
  });

  it('R2 gives a file item’s details with a cosUrl that downloads the bytes, R3 redirects to it', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'docs');
    await uploadOk(server, library, token, 'docs/report.txt', 'report body');
    const id = await recycle(server, library, token, 'file', 'docs/report.txt');
    const info = await call(server, 'GET', binUrl(library, token, { info: '' }, { item: id }));
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.recycledItemId, id);
    assert.equal(info.body.type, 'file');
    assert.equal(info.body.size, '11');
    assert.equal(info.body.contentType, 'text/plain');
    assert.deepEqual(info.body.originalPath, ['docs', 'report.txt']);
    assert.equal(typeof info.body.eTag, 'string');
    assert.equal(typeof info.body.crc64, 'string');
    assert.deepEqual(info.body.availableCosUrls, [info.body.cosUrl]);
    assert.ok(Date.parse(info.body.cosUrlExpiration) > Date.now());
    const bytes = await fetch(info.body.cosUrl);
    assert.equal(bytes.status, 200);
    assert.equal(await bytes.text(), 'report body');
    const preview = await call(server, 'GET', binUrl(library, token, { preview: '' }, { item: id }));
    assert.equal(preview.status, 302);
    // a text file previews as a sandboxed HTML page of its text (files.md §7.7)
    assert.match(await (await fetch(preview.headers.get('location') as string)).text(), /<pre>report body<\/pre>/);
    // ?info=1 as the JS SDK sends it
    assert.equal((await call(server, 'GET', binUrl(library, token, { info: '1' }, { item: id }))).status, 200);
  });

  it('R2 on a directory item has no cosUrl; R3 refuses it', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'album/inner');
    await uploadOk(server, library, token, 'album/inner/p.txt', 'p');
    const id = await recycle(server, library, token, 'dir', 'album');
    const info = await call(server, 'GET', binUrl(library, token, { info: '' }, { item: id }));
    assert.equal(info.status, 200);
    assert.equal(info.body.type, 'dir');
    assert.equal(info.body.name, 'album');
    assert.equal(info.body.size, '1');
    assert.equal(info.body.cosUrl, undefined);
    assertSmhError(await call(server, 'GET', binUrl(library, token, { preview: '' }, { item: id })), 400, 'UnsupportedFileType');
  });

  it('answers RecycledItemNotFound for unknown, malformed and foreign ids', async () => {
    await fresh();
    await uploadOk(server, library, token, 'mine.txt', 'm');
    const mine = await recycle(server, library, token, 'file', 'mine.txt');
    const otherLibrary = library;
    const otherToken = token;
    await fresh();
    for (const item of [mine, mine + 100_000, 'abc', '0', '-1', '1.5', '99999999999999999999']) {
      assertSmhError(await call(server, 'GET', binUrl(library, token, { info: '' }, { item })), 404, 'RecycledItemNotFound');
      assertSmhError(await call(server, 'GET', binUrl(library, token, { preview: '' }, { item })), 404, 'RecycledItemNotFound');
    }
    // …while its own library still sees it
    assert.equal((await call(server, 'GET', binUrl(otherLibrary, otherToken, { info: '' }, { item: mine }))).status, 200);
  });

  it('reading needs a token for the space, no grant', async () => {
    await fresh({ IsMultiSpace: true });
    const space = async () => (await call(server, 'POST', `/api/v1/space/${library.libraryId}?access_token=${token}`)).body.spaceId as string;
    const [one, two] = [await space(), await space()];
    await uploadOk(server, library, token, 'f.txt', 'f', one);
    await recycle(server, library, token, 'file', 'f.txt', one);
    const reader = await createToken(server, library, { space_id: one });
    const items = await allBinItems(server, library, reader, {}, one);
    assert.equal(items.length, 1);
    assert.deepEqual(items[0].authorityList, { canDelete: false, canRestore: false });
    assertSmhError(await listBin(server, library, reader, {}, two), 403, 'AccessTokenNotMatchSpace');
    const anonymous = await call(server, 'GET', `/api/v1/recycled/${library.libraryId}/${one}`);
    assertSmhError(anonymous, 400, 'EmptyAccessToken');
    assertSmhError(await listBin(server, library, token, {}, 'nospace'), 404, 'SpaceNotFound');
    assertSmhError(await call(server, 'GET', `/api/v1/recycled/nolibrary/-?access_token=${token}`), 404, 'LibraryNotFound');
  });
});
