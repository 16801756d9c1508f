import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, assertSmhError, call, createLibrary, encodePath, fileUrl, type Library, makeDirectory, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount, fetchContent, historyLibrary, listHistory, put, spaceSize, versionIds } from '../helpers/version-client.js';

/** Overwrites keep the previous content as a version (files.md §9.1); downloads reach old versions (§7.1–7.3). */
describe('historical versions: overwrites', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function setup(extension: Record<string, unknown> = {}): Promise<{ library: Library; token: string }> {
    const library = await historyLibrary(server, extension);
    return { library, token: await adminToken(server, library) };
  }

  it('keeps each overwritten content as a version, newest first, without copying bytes', async () => {
    const { library, token } = await setup();
    const blobsBefore = await blobCount(server);
    await put(server, library, token, 'a.txt', 'one');
    await put(server, library, token, 'a.txt', 'two!');
    const third = await put(server, library, token, 'a.txt', 'three');
    assert.equal(third.body.isOverwritten, true);
    assert.equal(third.body.versionId, 3);
    // Three contents, three blobs: the versions point at the blobs the uploads wrote.
    assert.equal((await blobCount(server)) - blobsBefore, 3);
    const listed = await listHistory(server, library, token, 'a.txt');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const [current, newer, older] = listed.body.contents;
    assert.deepEqual(
      listed.body.contents.map((item: Record<string, unknown>) => [item.version, item.isLatestVersion, item.size]),
      [
        [3, true, 5],
        [2, false, 4],
        [1, false, 3],
      ],
    );
    assert.equal(current.id, undefined);
    assert.equal(typeof newer.id, 'number');
    assert.ok(newer.id > older.id);
    assert.equal(older.creationWay, 0);
    assert.equal(newer.creationWay, 1);
    for (const field of ['createdBy', 'name', 'crc64', 'contentType', 'creationTime', 'setLatestTime', 'eTag']) {
      assert.ok(field in newer, `missing ${field}`);
    }
    assert.equal(newer.name, 'a.txt');
    assert.equal(listed.body.hasMore, false);
    assert.equal(listed.body.totalNum, undefined);
  });

  it('serves old versions on download, HEAD and ?info with history_id', async () => {
    const { library, token } = await setup();
    await put(server, library, token, 'docs.txt', 'first version');
    await put(server, library, token, 'docs.txt', 'second');
    const [id] = await versionIds(server, library, token, 'docs.txt');
    assert.ok(id !== undefined);
    assert.equal(await fetchContent(server, library, token, 'docs.txt', id), 'first version');
    assert.equal(await fetchContent(server, library, token, 'docs.txt'), 'second');
    const head = await call(server, 'HEAD', fileUrl(library, token, 'docs.txt', { history_id: String(id) }));
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('x-smh-size'), String('first version'.length));
    const info = await call(server, 'GET', fileUrl(library, token, 'docs.txt', { info: '', history_id: String(id) }));
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.size, String('first version'.length));
    assert.equal(info.body.versionId, 1);
    const viaUrl = await fetch(info.body.cosUrl);
    assert.equal(await viaUrl.text(), 'first version');
  });

  it('answers HistoryNotFound for unknown ids, ids of another file and malformed ids', async () => {
    const { library, token } = await setup();
    await put(server, library, token, 'x.txt', 'x1');
    await put(server, library, token, 'x.txt', 'x2');
    await put(server, library, token, 'y.txt', 'y1');
    await put(server, library, token, 'y.txt', 'y2');
    const [ofY] = await versionIds(server, library, token, 'y.txt');
    for (const historyId of [String(ofY), '999999', 'abc', '-1', '1.5']) {
      assertSmhError(await call(server, 'GET', fileUrl(library, token, 'x.txt', { history_id: historyId })), 404, 'HistoryNotFound');
    }
    assert.equal((await call(server, 'HEAD', fileUrl(library, token, 'x.txt', { history_id: String(ofY) }))).status, 404);
    // The current content has no history id: its versionId is no history id either.
    const other = await setup();
    await put(server, other.library, other.token, 'z.txt', 'z1');
    assertSmhError(await call(server, 'GET', fileUrl(other.library, other.token, 'z.txt', { history_id: String(ofY) })), 404, 'HistoryNotFound');
  });

  it('drops the oldest versions beyond fileHistoryCount and frees their bytes', async () => {
    const { library, token } = await setup({ FileHistoryCount: 2 });
    const blobsBefore = await blobCount(server);
    for (const text of ['v1', 'v2', 'v3', 'v4', 'v5']) {
      await put(server, library, token, 'count.txt', text);
    }
    const listed = await listHistory(server, library, token, 'count.txt');
    assert.deepEqual(
      listed.body.contents.map((item: { version: number }) => item.version),
      [5, 4, 3],
    );
    // current + 2 versions; v1 and v2 were deleted with their blobs
    assert.equal((await blobCount(server)) - blobsBefore, 3);
    assert.equal(await spaceSize(server, library, token), 6);
  });

  it('counts version bytes in the space size and reports them as historySize', async () => {
    const { library, token } = await setup();
    await put(server, library, token, 'size.txt', '12345');
    await put(server, library, token, 'size.txt', '1234567');
    await put(server, library, token, 'size.txt', '12');
    assert.equal(await spaceSize(server, library, token), 5 + 7 + 2);
    const info = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/size.txt${q(token, { info: '' })}`);
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.historySize, '12');
    assert.equal(info.body.size, '2');
  });

  it('merges overwrites within fileHistoryMergeInterval into one version', async () => {
    const { library, token } = await setup({ FileHistoryMergeInterval: 60, FileHistoryCount: 10 });
    const blobsBefore = await blobCount(server);
    await put(server, library, token, 'm.txt', 'before burst');
    await put(server, library, token, 'm.txt', 'save 1');
    server.clock.advance(10_000);
    await put(server, library, token, 'm.txt', 'save 2');
    server.clock.advance(10_000);
    await put(server, library, token, 'm.txt', 'save 3');
    const ids = await versionIds(server, library, token, 'm.txt');
    assert.equal(ids.length, 1);
    assert.equal(await fetchContent(server, library, token, 'm.txt', ids[0]), 'before burst');
    assert.equal(await fetchContent(server, library, token, 'm.txt'), 'save 3');
    // The merged saves' bytes are gone: the first content and the current one remain.
    assert.equal((await blobCount(server)) - blobsBefore, 2);
    assert.equal(await spaceSize(server, library, token), 'before burst'.length + 'save 3'.length);
    // Past the interval, an overwrite adds a version again.
    server.clock.advance(61_000);
    await put(server, library, token, 'm.txt', 'after');
    assert.equal((await versionIds(server, library, token, 'm.txt')).length, 2);
  });

  it('keeps no version while history is off, and keeps old versions when it is turned off', async () => {
    const plain = await createLibrary(server);
    const plainToken = await adminToken(server, plain);
    await put(server, plain, plainToken, 'p.txt', 'one');
    await put(server, plain, plainToken, 'p.txt', 'two');
    assert.deepEqual(await versionIds(server, plain, plainToken, 'p.txt'), []);
    const { library, token } = await setup();
    await put(server, library, token, 'q.txt', 'one');
    await put(server, library, token, 'q.txt', 'two');
    const off = await call(server, 'POST', `/api/v1/directory-history/${library.libraryId}/library-history${q(token)}`, { body: { enableFileHistory: false } });
    assert.equal(off.status, 204, JSON.stringify(off.body));
    await put(server, library, token, 'q.txt', 'three');
    assert.equal((await versionIds(server, library, token, 'q.txt')).length, 1);
  });

  it('lists no history for directories (UnsupportedFileType) and 404s for missing files', async () => {
    const { library, token } = await setup();
    await makeDirectory(server, library, token, 'folder');
    assertSmhError(await listHistory(server, library, token, 'folder'), 400, 'UnsupportedFileType');
    assertSmhError(await listHistory(server, library, token, 'missing.txt'), 404, 'FileNotFound');
    const response = await call(server, 'GET', `/api/v1/directory-history/${library.libraryId}/-/history-list/${encodePath('')}${q(token)}`);
    assert.equal(response.status >= 400, true);
  });
});
