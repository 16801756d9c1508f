import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, dirUrl, listDir, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('directories: listing (D2, D3) and eTags', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });
  const fresh = async () => {
    library = await createLibrary(server);
    token = await adminToken(server, library);
  };
  const upload = async (path: string, content: string, strategy?: string) => {
    const response = await uploadFile(server, library, token, path, content, { strategy });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };

  /** dirs b, d and files b.txt (3 bytes, first), c.txt (1 byte), a.txt (2 bytes, last) */
  const populate = async () => {
    await fresh();
    await mkdirOk(server, library, token, 'box/d');
    server.clock.advance(1000);
    await mkdirOk(server, library, token, 'box/b');
    server.clock.advance(1000);
    await upload('box/b.txt', 'bbb');
    server.clock.advance(1000);
    await upload('box/c.txt', 'c');
    server.clock.advance(1000);
    await upload('box/a.txt', 'aa');
  };

  it('pages by marker until nextMarker is gone, with no repeats', async () => {
    await populate();
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const response = await listDir(server, library, token, 'box', { limit: '2', ...(marker ? { marker } : {}) });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.path, ['box']);
      assert.ok(response.body.contents.length <= 2);
      assert.equal(response.body.fileCount, 3);
      assert.equal(response.body.subDirCount, 2);
      seen.push(...response.body.contents.map((item: { name: string }) => item.name));
      marker = response.body.nextMarker;
      assert.ok(marker === undefined || (typeof marker === 'string' && marker !== ''));
      pages += 1;
    } while (marker && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['b', 'd', 'a.txt', 'b.txt', 'c.txt']);
  });

  it('keeps a marker walk exact when children come and go between pages', async () => {
    await populate();
    const first = await listDir(server, library, token, 'box', { limit: '2' });
    assert.deepEqual(first.body.contents.map((item: { name: string }) => item.name), ['b', 'd']);
    // A removed child already seen must not make the walk skip one (as an offset would)...
    assert.equal((await call(server, 'DELETE', dirUrl(library, 'box/b', token))).status, 204);
    const second = await listDir(server, library, token, 'box', { limit: '2', marker: first.body.nextMarker });
    assert.deepEqual(second.body.contents.map((item: { name: string }) => item.name), ['a.txt', 'b.txt']);
    // ...nor an added one before the cursor make it repeat one; one after the cursor shows up.
    await mkdirOk(server, library, token, 'box/a');
    await upload('box/bb.txt', 'later');
    const third = await listDir(server, library, token, 'box', { limit: '2', marker: second.body.nextMarker });
    assert.deepEqual(third.body.contents.map((item: { name: string }) => item.name), ['bb.txt', 'c.txt']);
    assert.equal(third.body.nextMarker, undefined);
  });

  it('walks every order by marker, matching the one-page listing', async () => {
    await populate();
    await upload('box/same-size.txt', 'cc'); // ties with a.txt on size, broken by name
    for (const order_by of ['name', 'size', 'modificationTime', 'creationTime', 'localCreationTime']) {
      for (const order_by_type of ['asc', 'desc']) {
        for (const sort_type of ['', 'union']) {
          const sort = { order_by, order_by_type, sort_type };
          const expected = await childNames(server, library, token, 'box', sort);
          const seen: string[] = [];
          let marker: string | undefined;
          do {
            const page = await listDir(server, library, token, 'box', { ...sort, limit: '1', ...(marker ? { marker } : {}) });
            assert.equal(page.status, 200, JSON.stringify(page.body));
            seen.push(...page.body.contents.map((item: { name: string }) => item.name));
            marker = page.body.nextMarker;
          } while (marker && seen.length < 20);
          assert.deepEqual(seen, expected, JSON.stringify(sort));
        }
      }
    }
  });

  it('walks every order by page/page_size across the directories-to-files boundary', async () => {
    await populate();
    await upload('box/same-size.txt', 'cc');
    // Union by size descending, worked out by hand: 3-byte b.txt, then the 2-byte ties by name.
    assert.deepEqual(
      (await childNames(server, library, token, 'box', { order_by: 'size', order_by_type: 'desc', sort_type: 'union' })).slice(0, 3),
      ['b.txt', 'a.txt', 'same-size.txt'],
    );
    for (const order_by of ['name', 'size', 'modificationTime', 'creationTime', 'localModificationTime']) {
      for (const order_by_type of ['asc', 'desc']) {
        for (const sort_type of ['', 'union']) {
          const sort = { order_by, order_by_type, sort_type };
          const expected = await childNames(server, library, token, 'box', sort);
          assert.equal(expected.length, 6);
          const seen: string[] = [];
          for (let page = 1; page <= 4; page += 1) {
            const response = await listDir(server, library, token, 'box', { ...sort, page: String(page), page_size: '2' });
            assert.equal(response.status, 200, JSON.stringify(response.body));
            assert.equal(response.body.totalNum, 6);
            seen.push(...response.body.contents.map((item: { name: string }) => item.name));
          }
          assert.deepEqual(seen, expected, JSON.stringify(sort));
        }
      }
    }
  });

  it('refuses a marker issued for another order', async () => {
    await populate();
    const page = await listDir(server, library, token, 'box', { limit: '1', order_by: 'size' });
    assertSmhError(await listDir(server, library, token, 'box', { limit: '1', marker: page.body.nextMarker }), 404, 'MarkerNotFound');
  });

  it('has no nextMarker when everything fits, and refuses a bad marker', async () => {
    await populate();
    const all = await listDir(server, library, token, 'box', { limit: '5' });
    assert.equal(all.body.contents.length, 5);
    assert.equal(all.body.nextMarker, undefined);
    for (const marker of ['not-a-marker', '1013', 'eyJvIjotMX0']) {
      assertSmhError(await listDir(server, library, token, 'box', { marker }), 404, 'MarkerNotFound');
    }
    assertSmhError(await listDir(server, library, token, 'box', { limit: '0' }), 400, 'ParamInvalid');
    assertSmhError(await listDir(server, library, token, 'box', { limit: '1001' }), 400, 'ParamInvalid');
  });

  it('pages by page/page_size with totals and no marker', async () => {
    await populate();
    const page = async (n: number) => listDir(server, library, token, 'box', { page: String(n), page_size: '2' });
    const first = await page(1);
    assert.equal(first.status, 200);
    assert.equal(first.body.totalNum, 5);
    assert.equal(first.body.fileCount, 3);
    assert.equal(first.body.subDirCount, 2);
    assert.equal(first.body.nextMarker, undefined);
    const names = [];
    for (const n of [1, 2, 3]) {
      names.push(...(await page(n)).body.contents.map((item: { name: string }) => item.name));
    }
    assert.deepEqual(names, ['b', 'd', 'a.txt', 'b.txt', 'c.txt']);
    assert.deepEqual((await page(4)).body.contents, []);
    // The counts are of direct children only.
    await upload('box/d/deep.txt', 'x');
    assert.equal((await page(1)).body.totalNum, 5);
    const defaults = await listDir(server, library, token, 'box', { page: '1' });
    assert.equal(defaults.body.contents.length, 5);
  });

  it('refuses deep pages and mixed pagination styles', async () => {
    await populate();
    const ok = await listDir(server, library, token, 'box', { page: '10', page_size: '1000' });
    assert.equal(ok.status, 200);
    assertSmhError(await listDir(server, library, token, 'box', { page: '11', page_size: '1000' }), 400, 'ParamInvalid');
    assertSmhError(await listDir(server, library, token, 'box', { page: '0' }), 400, 'ParamInvalid');
    assertSmhError(await listDir(server, library, token, 'box', { page: '1', limit: '2' }), 400, 'ParamInvalid');
  });

  it('orders by name, size, modificationTime and creationTime, both ways, directories first', async () => {
    await populate();
    server.clock.advance(1000);
    await upload('box/b.txt', 'bbbb', 'overwrite'); // b.txt: modified last, created first, 4 bytes
    const order = (orderBy: string, type: string) => childNames(server, library, token, 'box', { order_by: orderBy, order_by_type: type });
    assert.deepEqual(await order('name', 'asc'), ['b', 'd', 'a.txt', 'b.txt', 'c.txt']);
    assert.deepEqual(await order('name', 'desc'), ['d', 'b', 'c.txt', 'b.txt', 'a.txt']);
    assert.deepEqual(await order('size', 'asc'), ['b', 'd', 'c.txt', 'a.txt', 'b.txt']);
    assert.deepEqual(await order('size', 'desc'), ['b', 'd', 'b.txt', 'a.txt', 'c.txt']);
    assert.deepEqual(await order('creationTime', 'asc'), ['d', 'b', 'b.txt', 'c.txt', 'a.txt']);
    assert.deepEqual(await order('creationTime', 'desc'), ['b', 'd', 'a.txt', 'c.txt', 'b.txt']);
    assert.deepEqual(await order('modificationTime', 'asc'), ['d', 'b', 'c.txt', 'a.txt', 'b.txt']);
    assert.deepEqual(await order('modificationTime', 'desc'), ['b', 'd', 'b.txt', 'a.txt', 'c.txt']);
    // Android spells them in camelCase.
    assert.deepEqual(await childNames(server, library, token, 'box', { orderBy: 'size', orderByType: 'desc' }), ['b', 'd', 'b.txt', 'a.txt', 'c.txt']);
    assertSmhError(await listDir(server, library, token, 'box', { order_by: 'colour' }), 400, 'ParamInvalid');
    assertSmhError(await listDir(server, library, token, 'box', { order_by_type: 'up' }), 400, 'ParamInvalid');
  });

  it('filters onlyDir / onlyFile and sorts folders and files together with sort_type=union', async () => {
    await populate();
    assert.deepEqual(await childNames(server, library, token, 'box', { filter: 'onlyDir' }), ['b', 'd']);
    assert.deepEqual(await childNames(server, library, token, 'box', { filter: 'onlyFile' }), ['a.txt', 'b.txt', 'c.txt']);
    assert.deepEqual(await childNames(server, library, token, 'box', { sort_type: 'union' }), ['a.txt', 'b', 'b.txt', 'c.txt', 'd']);
    assert.deepEqual(await childNames(server, library, token, 'box', { sort_type: 'union', order_by_type: 'desc' }), [
      'd',
      'c.txt',
      'b.txt',
      'b',
      'a.txt',
    ]);
    const filtered = await listDir(server, library, token, 'box', { filter: 'onlyDir', page: '1', page_size: '1' });
    assert.equal(filtered.body.contents.length, 1);
    assertSmhError(await listDir(server, library, token, 'box', { filter: 'onlyImages' }), 400, 'ParamInvalid');
  });

  it('describes items with the SMH fields of their kind', async () => {
    await populate();
    const response = await listDir(server, library, token, 'box', { with_inode: '1' });
    const [dir, , file] = response.body.contents;
    assert.equal(dir.type, 'dir');
    assert.deepEqual(dir.path, ['box', 'b']);
    assert.equal(typeof dir.eTag, 'string');
    assert.match(dir.inode, /^[0-9a-f]{32}$/);
    assert.equal(dir.size, undefined);
    assert.equal(file.name, 'a.txt');
    assert.equal(file.type, 'file');
    assert.equal(file.size, '2');
    assert.equal(file.contentType, 'text/plain');
    assert.match(file.eTag, /^".+"$/);
    assert.match(file.crc64, /^\d+$/);
    assert.equal(file.versionId, 1);
    assert.equal(file.fileType, 'text');
    for (const key of ['previewByDoc', 'previewByCI', 'previewAsIcon']) {
      assert.equal(typeof file[key], 'boolean');
    }
  });

  it('lists the root with and without a trailing slash, and 404s for missing dirs or files', async () => {
    await populate();
    const bare = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-?access_token=${token}`);
    const slash = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/?access_token=${token}`);
    assert.equal(bare.status, 200);
    assert.deepEqual(bare.body.path, []);
    assert.deepEqual(slash.body.contents, bare.body.contents);
    assertSmhError(await listDir(server, library, token, 'nope'), 404, 'DirectoryNotFound');
    assertSmhError(await listDir(server, library, token, 'box/a.txt'), 404, 'DirectoryNotFound');
  });

  it('answers 304 to If-None-Match on list and ?info until a child changes', async () => {
    await populate();
    const first = await listDir(server, library, token, 'box');
    const eTag = first.body.eTag as string;
    assert.equal(first.headers.get('etag'), `"${eTag}"`);
    for (const tag of [eTag, `"${eTag}"`, `W/"${eTag}"`, `"zzz", "${eTag}"`]) {
      const cached = await listDir(server, library, token, 'box', {}, { 'if-none-match': tag });
      assert.equal(cached.status, 304);
      assert.equal(cached.body, undefined);
    }
    const info = await call(server, 'GET', dirUrl(library, 'box', token, { info: '' }));
    assert.equal(info.body.eTag, eTag);
    const cachedInfo = await call(server, 'GET', dirUrl(library, 'box', token, { info: '' }), { headers: { 'if-none-match': `"${eTag}"` } });
    assert.equal(cachedInfo.status, 304);
    assert.equal((await listDir(server, library, token, 'box', {}, { 'if-none-match': '"other"' })).status, 200);

    await upload('box/new.txt', 'n');
    const afterAdd = await listDir(server, library, token, 'box', {}, { 'if-none-match': `"${eTag}"` });
    assert.equal(afterAdd.status, 200);
    assert.notEqual(afterAdd.body.eTag, eTag);
    const afterInfo = await call(server, 'GET', dirUrl(library, 'box', token, { info: '' }), { headers: { 'if-none-match': `"${eTag}"` } });
    assert.equal(afterInfo.status, 200);

    const added = afterAdd.body.eTag as string;
    assert.equal((await call(server, 'DELETE', `/api/v1/file/${library.libraryId}/-/box/new.txt?access_token=${token}`)).status, 204);
    const afterDelete = await listDir(server, library, token, 'box');
    assert.notEqual(afterDelete.body.eTag, added);
    await mkdirOk(server, library, token, 'box/sub');
    assert.notEqual((await listDir(server, library, token, 'box')).body.eTag, afterDelete.body.eTag);
  });

  it('changes the eTag of a re-created directory', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'gone');
    const before = (await listDir(server, library, token, 'gone')).body.eTag;
    assert.equal((await call(server, 'DELETE', dirUrl(library, 'gone', token))).status, 204);
    await mkdirOk(server, library, token, 'gone');
    const again = await listDir(server, library, token, 'gone', {}, { 'if-none-match': `"${before}"` });
    assert.equal(again.status, 200);
  });
});
