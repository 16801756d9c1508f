import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobExists, blobKeyOf, spaceSize } from '../helpers/entry-client.js';
import { allBinItems, DAY_MS, recycle, setLifecycle, sweep, uploadOk } from '../helpers/recycle-client.js';
import { adminCall, adminToken, assertSmhError, call, createLibrary, createToken, type Library } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const TEN_MINUTES = 10 * 60_000;

/** R9 lifecycle and the automatic purge after the retention period (dirs.md §6 "Retention"). */
describe('recycle bin: retention', () => {
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
  /** Moves the test clock; tokens expire meanwhile, so a fresh one is minted. */
  const advance = async (ms: number) => {
    server.clock.advance(ms);
    token = await adminToken(server, library);
  };
  const binNames = async () => (await allBinItems(server, library, token)).map((item) => item.name).sort();

  it('purges items once the library’s AutoRemoveRecycledDays ran out, freeing bytes and size', async () => {
    await fresh({ AutoRemoveRecycledDays: 3 });
    await uploadOk(server, library, token, 'old.txt', 'old');
    await uploadOk(server, library, token, 'live.txt', 'live');
    const key = await blobKeyOf(server, library, token, 'old.txt');
    await recycle(server, library, token, 'file', 'old.txt');
    await advance(2 * DAY_MS);
    await uploadOk(server, library, token, 'young.txt', 'young');
    await recycle(server, library, token, 'file', 'young.txt');
    await sweep(server);
    assert.deepEqual(await binNames(), ['old.txt', 'young.txt']);
    assert.equal(await spaceSize(server, library, token), 12);
    await advance(DAY_MS + 1000);
    assert.ok((await sweep(server)) >= 1);
    assert.deepEqual(await binNames(), ['young.txt']);
    assert.equal(await blobExists(server, key), false);
    assert.equal(await spaceSize(server, library, token), 9);
    await advance(2 * DAY_MS);
    await sweep(server);
    assert.deepEqual(await binNames(), []);
    assert.equal(await spaceSize(server, library, token), 4);
  });

  it('keeps items forever with retention 0, and omits remainingTime', async () => {
    await fresh({ AutoRemoveRecycledDays: 0 });
    await uploadOk(server, library, token, 'kept.txt', 'k');
    await recycle(server, library, token, 'file', 'kept.txt');
    await advance(5000 * DAY_MS);
    await sweep(server);
    const items = await allBinItems(server, library, token);
    assert.equal(items.length, 1);
    assert.equal(items[0].remainingTime, undefined);
  });

  it('R9 sets the space’s retention: longer applies to existing items, shorter only to later ones', async () => {
    await fresh({ AutoRemoveRecycledDays: 2 });
    await uploadOk(server, library, token, 'a.txt', 'a');
    await recycle(server, library, token, 'file', 'a.txt');
    assert.equal((await setLifecycle(server, library, token, { retentionDays: 10 })).status, 204);
    assert.equal((await allBinItems(server, library, token))[0].remainingTime, 9);
    await advance(5 * DAY_MS);
    await sweep(server);
    assert.deepEqual(await binNames(), ['a.txt']);

    assert.equal((await setLifecycle(server, library, token, { retentionDays: 1 })).status, 204);
    await uploadOk(server, library, token, 'b.txt', 'b');
    await recycle(server, library, token, 'file', 'b.txt');
    const byName = Object.fromEntries((await allBinItems(server, library, token)).map((item) => [item.name, item.remainingTime]));
    assert.deepEqual(byName, { 'a.txt': 4, 'b.txt': 0 });
    await advance(DAY_MS + 1000);
    await sweep(server);
    assert.deepEqual(await binNames(), ['a.txt']);
    await advance(4 * DAY_MS);
    await sweep(server);
    assert.deepEqual(await binNames(), []);
  });

  it('applies a longer library default to items already in the bin', async () => {
    await fresh({ AutoRemoveRecycledDays: 1 });
    await uploadOk(server, library, token, 'a.txt', 'a');
    await recycle(server, library, token, 'file', 'a.txt');
    const modified = await adminCall(server, 'PUT', `/admin/v1/library/${library.libraryId}`, { body: { LibraryExtension: { AutoRemoveRecycledDays: 7 } } });
    assert.ok(modified.status < 300, JSON.stringify(modified.body));
    await advance(3 * DAY_MS);
    await sweep(server);
    assert.deepEqual(await binNames(), ['a.txt']);
    assert.equal((await allBinItems(server, library, token))[0].remainingTime, 3);
    await advance(4 * DAY_MS + 1000);
    await sweep(server);
    assert.deepEqual(await binNames(), []);
  });

  it('R9 validates the body, needs space_admin and allows one change per 10 minutes', async () => {
    await fresh();
    const url = `/api/v1/recycled/${library.libraryId}/-?lifecycle&access_token=${token}`;
    for (const body of [{ retentionDays: 0 }, { retentionDays: -1 }, { retentionDays: 10_001 }, { retentionDays: 1.5 }, { retentionDays: '5' }, {}, [5]]) {
      assertSmhError(await setLifecycle(server, library, token, body), 400, 'ParamInvalid');
    }
    assertSmhError(await call(server, 'POST', url), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', url, { body: '{"retentionDays":' }), 400, 'BadRequest');
    for (const grant of ['restore_recycled', 'delete_recycled']) {
      assertSmhError(await setLifecycle(server, library, await createToken(server, library, { grant }), { retentionDays: 5 }), 403, 'NoPermission');
    }
    const spaceAdmin = await createToken(server, library, { grant: 'space_admin' });
    assert.equal((await setLifecycle(server, library, spaceAdmin, { retentionDays: 10_000 })).status, 204);
    assertSmhError(await setLifecycle(server, library, token, { retentionDays: 5 }), 403, 'SetRecycleLifecycleFrequencyLimit');
    await advance(TEN_MINUTES);
    assert.equal((await setLifecycle(server, library, token, { retentionDays: 5 })).status, 204);
  });

  it('keeps the retention of each space apart', async () => {
    await fresh({ IsMultiSpace: true, AutoRemoveRecycledDays: 30 });
    const space = async () => (await call(server, 'POST', `/api/v1/space/${library.libraryId}?access_token=${token}`)).body.spaceId as string;
    const [one, two] = [await space(), await space()];
    assert.equal((await setLifecycle(server, library, token, { retentionDays: 1 }, one)).status, 204);
    for (const id of [one, two]) {
      await uploadOk(server, library, token, 'f.txt', 'f', id);
      await recycle(server, library, token, 'file', 'f.txt', id);
    }
    await advance(2 * DAY_MS);
    await sweep(server);
    assert.deepEqual(await allBinItems(server, library, token, {}, one), []);
    assert.equal((await allBinItems(server, library, token, {}, two))[0].remainingTime, 27);
  });
});
