import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deleteEntry, purgeOne, recycle, restore } from '../helpers/recycle-client.js';
import { adminToken, assertSmhError, call, createSpace, type Library, makeDirectory, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount, deleteHistory, fetchContent, historyLibrary, listHistory, put, spaceSize, sweepVersions, versionIds } from '../helpers/version-client.js';

const DAY_MS = 24 * 3600 * 1000;

/** Versions go with their file: deletes, the recycle bin, expiry and the orphan sweep (files.md §9.1). */
describe('historical versions: deletion, recycle bin and expiry', () => {
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

  async function withVersions(library: Library, token: string, path: string, space = '-'): Promise<number[]> {
    for (const text of ['one', 'two', 'three']) {
      await put(server, library, token, path, text, space);
    }
    return versionIds(server, library, token, path, space);
  }

  it('a permanent file delete deletes its versions and their bytes', async () => {
    const { library, token } = await setup();
    const blobs = await blobCount(server);
    const ids = await withVersions(library, token, 'f.txt');
    assert.equal(await blobCount(server), blobs + 3);
    const deleted = await deleteEntry(server, library, token, 'file', 'f.txt');
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.equal(await blobCount(server), blobs);
    assert.equal(await spaceSize(server, library, token), 0);
    assertSmhError(await deleteHistory(server, library, token, ids), 404, 'HistoryNotFound');
    // A new file under the same name starts without history.
    await put(server, library, token, 'f.txt', 'new');
    assert.deepEqual(await versionIds(server, library, token, 'f.txt'), []);
  });

  it('a permanent directory delete deletes the versions of every file in it', async () => {
    const { library, token } = await setup();
    await makeDirectory(server, library, token, 'd/e');
    const blobs = await blobCount(server);
    await withVersions(library, token, 'd/a.txt');
    await withVersions(library, token, 'd/e/b.txt');
    assert.equal(await blobCount(server), blobs + 6);
    assert.equal((await deleteEntry(server, library, token, 'dir', 'd')).status, 204);
    assert.equal(await blobCount(server), blobs);
    assert.equal(await spaceSize(server, library, token), 0);
  });

  it('the recycle bin keeps the versions with the file; restoring brings them back', async () => {
    const { library, token } = await setup({ UseRecycleBin: true });
    const ids = await withVersions(library, token, 'f.txt');
    const size = await spaceSize(server, library, token);
    const item = await recycle(server, library, token, 'file', 'f.txt');
    assertSmhError(await listHistory(server, library, token, 'f.txt'), 404, 'FileNotFound');
    // While binned, its versions are not there for H2/H3 either.
    assertSmhError(await deleteHistory(server, library, token, ids), 404, 'HistoryNotFound');
    assert.equal(await spaceSize(server, library, token), size);
    assert.equal((await sweepVersions(server)) >= 0, true);
    const restored = await restore(server, library, token, item);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.deepEqual(await versionIds(server, library, token, 'f.txt'), ids);
    assert.equal(await fetchContent(server, library, token, 'f.txt', ids[1]), 'one');
  });

  it('purging the bin item deletes its versions, their bytes and size', async () => {
    const { library, token } = await setup({ UseRecycleBin: true });
    const blobs = await blobCount(server);
    await withVersions(library, token, 'p.txt');
    const item = await recycle(server, library, token, 'file', 'p.txt');
    assert.equal((await purgeOne(server, library, token, item)).status, 204);
    assert.equal(await blobCount(server), blobs);
    assert.equal(await spaceSize(server, library, token), 0);
    assert.equal(await sweepVersions(server), 0);
  });

  it('the sweep removes versions of a deleted space without touching a new space of the same id', async () => {
    const { library, token } = await setup({ IsMultiSpace: true });
    const spaceId = await createSpace(server, library, token, { spaceId: 'reused' });
    const blobs = await blobCount(server);
    await withVersions(library, token, 'f.txt', spaceId);
    const removed = await call(server, 'DELETE', `/api/v1/space/${library.libraryId}/${spaceId}${q(token, { force: '1' })}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    await createSpace(server, library, token, { spaceId: 'reused' });
    await put(server, library, token, 'g.txt', 'fresh', spaceId);
    assert.equal(await sweepVersions(server), 2);
    assert.equal(await blobCount(server), blobs + 1);
    assert.equal(await spaceSize(server, library, token, spaceId), 5);
  });

  it('expires versions older than fileHistoryExpireDay; 0 keeps them forever', async () => {
    const expiring = await setup({ FileHistoryExpireDay: 2 });
    const forever = await setup({ FileHistoryExpireDay: 0 });
    await withVersions(expiring.library, expiring.token, 'old.txt');
    await withVersions(forever.library, forever.token, 'kept.txt');
    // Tokens last less than the days skipped here: take fresh ones after each jump.
    server.clock.advance(DAY_MS);
    expiring.token = await adminToken(server, expiring.library);
    await put(server, expiring.library, expiring.token, 'old.txt', 'four');
    await sweepVersions(server);
    assert.equal((await versionIds(server, expiring.library, expiring.token, 'old.txt')).length, 3);
    server.clock.advance(DAY_MS + 60_000);
    expiring.token = await adminToken(server, expiring.library);
    forever.token = await adminToken(server, forever.library);
    const blobs = await blobCount(server);
    await sweepVersions(server);
    // "one" and "two" were archived over 2 days ago; "three" only a day ago.
    const left = await listHistory(server, expiring.library, expiring.token, 'old.txt');
    assert.deepEqual(
      left.body.contents.map((row: { version: number }) => row.version),
      [4, 3],
    );
    assert.equal(await blobCount(server), blobs - 2);
    assert.equal(await spaceSize(server, expiring.library, expiring.token), 5 + 4);
    assert.equal((await versionIds(server, forever.library, forever.token, 'kept.txt')).length, 2);
  });
});
