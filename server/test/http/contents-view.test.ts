import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dirUrl, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('space contents view (dirs.md D14)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'a/b');
    for (const [path, content] of [
      ['a/x.txt', 'xx'],
      ['a/b/y.jpg', 'yyyy'],
      ['z.txt', 'z'],
    ]) {
      assert.equal((await uploadFile(server, library, token, path as string, content as string)).status, 200);
    }
    const updated = await call(server, 'POST', dirUrl(library, 'a/b/y.jpg', token, { update: '' }), { body: { category: 'pics' } });
    assert.equal(updated.status, 204);
  });
  after(async () => {
    await server.close();
  });
  const view = (extra: Record<string, string> = {}) => call(server, 'GET', `/api/v1/space/${library.libraryId}/-/contents-view${q(token, extra)}`);
  const names = async (extra: Record<string, string> = {}) => {
    const response = await view(extra);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.contents.map((item: { name: string }) => item.name);
  };

  it('lists every entry of the space flat, by name, with inodes and without paths', async () => {
    const response = await view();
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(
      response.body.contents.map((item: { name: string }) => item.name),
      ['a', 'b', 'x.txt', 'y.jpg', 'z.txt'],
    );
    assert.equal(response.body.nextMarker, '');
    for (const item of response.body.contents) {
      assert.match(item.inode, /^[0-9a-f]+$/);
      assert.equal(item.path, undefined);
    }
    const y = response.body.contents[3];
    assert.deepEqual([y.type, y.size, y.category], ['file', '4', 'pics']);
    const withPath = await view({ with_path: 'true' });
    assert.deepEqual(withPath.body.contents[3].path, ['a', 'b', 'y.jpg']);
  });

  it('filters by kind and category and sorts by other keys', async () => {
    assert.deepEqual(await names({ filter: 'onlyDir' }), ['a', 'b']);
    assert.deepEqual(await names({ filter: 'onlyFile' }), ['x.txt', 'y.jpg', 'z.txt']);
    assert.deepEqual(await names({ category: 'pics' }), ['y.jpg']);
    assert.deepEqual(await names({ filter: 'onlyFile', order_by: 'size', order_by_type: 'desc' }), ['y.jpg', 'x.txt', 'z.txt']);
    assert.deepEqual(await names({ filter: 'onlyFile', order_by: 'uploadTime' }), ['x.txt', 'y.jpg', 'z.txt']);
  });

  it('pages by marker without repeats or gaps, even when entries are added between pages', async () => {
    const seen: string[] = [];
    let marker = '';
    let pages = 0;
    do {
      const response = await view({ limit: '2', ...(marker ? { marker } : {}) });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      seen.push(...response.body.contents.map((item: { name: string }) => item.name));
      marker = response.body.nextMarker;
      if (pages === 0) {
        // sorts before the next page's position: must not appear, nor shift what follows
        await mkdirOk(server, library, token, 'a/aa');
      }
      pages += 1;
    } while (marker !== '');
    // 'aa' was added behind the walk's position (after page one ended at 'b'), so it is not seen.
    assert.deepEqual(seen, ['a', 'b', 'x.txt', 'y.jpg', 'z.txt']);
    assert.ok(pages >= 3);
  });

  it('refuses bad markers, orders and limits', async () => {
    assertSmhError(await view({ marker: 'garbage' }), 400, 'MarkerInvalid');
    const first = await view({ limit: '1' });
    assertSmhError(await view({ marker: first.body.nextMarker, order_by: 'size' }), 400, 'MarkerInvalid');
    assertSmhError(await view({ order_by: 'colour' }), 400, 'ParamInvalid');
    assertSmhError(await view({ filter: 'onlyLinks' }), 400, 'ParamInvalid');
    assertSmhError(await view({ limit: '0' }), 400, 'ParamInvalid');
    assertSmhError(await view({ category: 'x'.repeat(17) }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/contents-view`), 400, 'EmptyAccessToken');
  });
});
