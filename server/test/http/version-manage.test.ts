import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, assertSmhError, call, createToken, type Library, makeDirectory, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount, deleteHistory, fetchContent, historyLibrary, listHistory, put, setLatest, spaceSize, versionIds } from '../helpers/version-client.js';

/** H2 delete and H3 set-latest (files.md §9.3, §9.4), with their grants and bad input. */
describe('historical versions: delete (H2) and restore (H3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  /** A history library with `f.txt` at version 3 ("three") and versions "two", "one". */
  async function setup(extension: Record<string, unknown> = {}): Promise<{ library: Library; token: string; ids: number[] }> {
    const library = await historyLibrary(server, extension);
    const token = await adminToken(server, library);
    for (const text of ['one', 'two', 'three']) {
      await put(server, library, token, 'f.txt', text);
    }
    return { library, token, ids: await versionIds(server, library, token, 'f.txt') };
  }

  it('H2 deletes versions named by string or number ids, freeing their bytes and size', async () => {
    const { library, token, ids } = await setup();
    const [two, one] = ids as [number, number];
    const blobs = await blobCount(server);
    assert.equal(await spaceSize(server, library, token), 3 + 3 + 5);
    const first = await deleteHistory(server, library, token, [String(two)]);
    assert.equal(first.status, 204, JSON.stringify(first.body));
    assert.equal((await deleteHistory(server, library, token, [one])).status, 204);
    assert.deepEqual(await versionIds(server, library, token, 'f.txt'), []);
    assert.equal(await blobCount(server), blobs - 2);
    assert.equal(await spaceSize(server, library, token), 5);
    assert.equal(await fetchContent(server, library, token, 'f.txt'), 'three');
  });

  it('H2 refuses malformed bodies, more than 100 ids, and unknown or foreign ids (deleting nothing)', async () => {
    const { library, token, ids } = await setup();
    const other = await setup();
    assertSmhError(await deleteHistory(server, library, token, Array.from({ length: 101 }, (_, n) => n + 1)), 400, 'TooManyItems');
    assertSmhError(await deleteHistory(server, library, token, []), 400, 'NoItemsProvided');
    assertSmhError(await deleteHistory(server, library, token, { ids }), 400, 'ParamInvalid');
    assertSmhError(await deleteHistory(server, library, token, [true]), 400, 'ParamInvalid');
    assertSmhError(await deleteHistory(server, library, token, ['abc']), 404, 'HistoryNotFound');
    assertSmhError(await deleteHistory(server, library, token, [ids[0], 999_999_999]), 404, 'HistoryNotFound');
    // Another library's ids do not exist here, even with this library's admin token.
    assertSmhError(await deleteHistory(server, library, token, other.ids), 404, 'HistoryNotFound');
    assert.deepEqual(await versionIds(server, library, token, 'f.txt'), ids);
    assert.deepEqual(await versionIds(server, other.library, other.token, 'f.txt'), other.ids);
  });

  it('H2 needs delete_history (or space_admin/admin)', async () => {
    const { library, ids } = await setup();
    const uploader = await createToken(server, library, { grant: 'upload_file_force' });
    assertSmhError(await deleteHistory(server, library, uploader, [ids[0]]), 403, 'NoPermission');
    const restorer = await createToken(server, library, { grant: 'set_history_latest' });
    assertSmhError(await deleteHistory(server, library, restorer, [ids[0]]), 403, 'NoPermission');
    const deleter = await createToken(server, library, { grant: 'delete_history' });
    assert.equal((await deleteHistory(server, library, deleter, [ids[0]])).status, 204);
    const spaceAdmin = await createToken(server, library, { grant: 'space_admin' });
    assert.equal((await deleteHistory(server, library, spaceAdmin, [ids[1]])).status, 204);
  });

  it('H3 makes a version current; the replaced content becomes a version; no byte moves', async () => {
    const { library, token, ids } = await setup();
    const one = ids[1] as number;
    const blobs = await blobCount(server);
    const size = await spaceSize(server, library, token);
    const restored = await setLatest(server, library, token, one);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.name, 'f.txt');
    assert.equal(restored.body.size, 3);
    assert.equal(typeof restored.body.size, 'number');
    for (const field of ['type', 'creationTime', 'modificationTime', 'setLatestTime', 'contentType', 'eTag', 'crc64', 'fileType', 'previewByDoc', 'previewByCI', 'previewAsIcon']) {
      assert.ok(field in restored.body, `missing ${field}`);
    }
    assert.equal(await fetchContent(server, library, token, 'f.txt'), 'one');
    const listed = await listHistory(server, library, token, 'f.txt');
    assert.deepEqual(
      listed.body.contents.map((item: { version: number; size: number }) => [item.version, item.size]),
      [
        [4, 3],
        [3, 5],
        [2, 3],
      ],
    );
    const three = listed.body.contents[1].id;
    assert.equal(await fetchContent(server, library, token, 'f.txt', three), 'three');
    assert.equal(await blobCount(server), blobs);
    assert.equal(await spaceSize(server, library, token), size);
    // The restored id left the list with its content.
    assertSmhError(await setLatest(server, library, token, one), 404, 'HistoryNotFound');
  });

  it('H3 needs set_history_latest and refuses unknown, foreign and malformed ids', async () => {
    const { library, token, ids } = await setup();
    const other = await setup();
    const deleter = await createToken(server, library, { grant: 'delete_history' });
    assertSmhError(await setLatest(server, library, deleter, ids[0] as number), 403, 'NoPermission');
    assertSmhError(await setLatest(server, library, token, 999_999_999), 404, 'HistoryNotFound');
    assertSmhError(await setLatest(server, library, token, 'abc'), 404, 'HistoryNotFound');
    assertSmhError(await setLatest(server, library, token, other.ids[0] as number), 404, 'HistoryNotFound');
    const restorer = await createToken(server, library, { grant: 'set_history_latest' });
    assert.equal((await setLatest(server, library, restorer, ids[0] as number)).status, 200);
  });

  it('H3 keeps fileHistoryCount', async () => {
    const { library, token, ids } = await setup({ FileHistoryCount: 2 });
    assert.equal(ids.length, 2);
    assert.equal((await setLatest(server, library, token, ids[1] as number)).status, 200);
    assert.equal((await versionIds(server, library, token, 'f.txt')).length, 2);
  });

  it('moving onto a file that has versions is refused (OverwriteFileNotAllowed); moving the file keeps them', async () => {
    const { library, token, ids } = await setup();
    await makeDirectory(server, library, token, 'dir');
    await put(server, library, token, 'g.txt', 'g');
    const onto = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/f.txt${q(token, { conflict_resolution_strategy: 'overwrite' })}`, { body: { from: 'g.txt' } });
    assertSmhError(onto, 400, 'OverwriteFileNotAllowed');
    const moved = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/dir/h.txt${q(token)}`, { body: { from: 'f.txt' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(await versionIds(server, library, token, 'dir/h.txt'), ids);
    // A copy is a new file: no history.
    const copied = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/copy.txt${q(token)}`, { body: { copyFrom: 'dir/h.txt' } });
    assert.equal(copied.status, 200, JSON.stringify(copied.body));
    assert.deepEqual(await versionIds(server, library, token, 'copy.txt'), []);
  });
});
