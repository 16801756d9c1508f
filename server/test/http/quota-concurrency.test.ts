import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bytes, quotaOk, tenantLibrary, usageOf } from '../helpers/quota-client.js';
import { call, confirmUpload, initiateUpload, type JsonResponse, type Library, putToTarget, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const PARALLEL = 12;

/**
 * Parallel confirms against a nearly full quota: the accepted ones never exceed capacity, and
 * the usage counter ends equal to the bytes really stored (core.md §5; quota-usage.ts).
 */
describe('quotas: concurrency', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  /** Initiates and sends every upload first, then confirms all at once: the racy step. */
  async function raceUploads(library: Library, token: string, targets: { space: string; path: string; size: number }[]): Promise<JsonResponse[]> {
    const keys: string[] = [];
    for (const target of targets) {
      const init = await initiateUpload(server, library, token, target.path, { space: target.space });
      assert.equal(init.status, 201, JSON.stringify(init.body));
      assert.equal((await putToTarget(init.body, bytes(target.size))).status, 200);
      keys.push(init.body.confirmKey);
    }
    return Promise.all(keys.map((key, i) => confirmUpload(server, library, token, key, { space: targets[i]?.space })));
  }

  async function storedBytes(library: Library, token: string, space: string): Promise<number> {
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}/${q(token, { limit: '1000' })}`);
    assert.equal(listing.status, 200);
    return (listing.body.contents as { size: string }[]).reduce((sum, item) => sum + Number(item.size), 0);
  }

  function tally(results: JsonResponse[]): number {
    let accepted = 0;
    for (const result of results) {
      if (result.status === 200) {
        accepted += 1;
      } else {
        assert.equal(result.status, 400, JSON.stringify(result.body));
        assert.match(result.body.code, /^(Library)?QuotaLimitReached$/);
      }
    }
    return accepted;
  }

  it('never overshoots one space quota and keeps the counter exact', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    await quotaOk(server, library, admin, { spaces, capacity: '1000' });
    assert.equal((await uploadFile(server, library, admin, 'base.bin', bytes(900), { space })).status, 200);
    // 12 × 30 bytes = 360 for 100 free bytes: at most 3 fit.
    const results = await raceUploads(library, admin, Array.from({ length: PARALLEL }, (_, i) => ({ space, path: `f${i}.bin`, size: 30 })));
    const accepted = tally(results);
    // Every refused confirm left the counter alone, so exactly as many as fit got in.
    assert.equal(accepted, 3);
    const stored = await storedBytes(library, admin, space);
    assert.equal(stored, 900 + accepted * 30);
    assert.ok(stored <= 1000);
    assert.deepEqual(await usageOf(server, library, admin, space), { spaceId: space, capacity: '1000', availableSpace: String(1000 - stored), size: String(stored) });
  });

  it('never overshoots a quota shared by two spaces written at once', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    await quotaOk(server, library, admin, { spaces, capacity: '200' });
    const targets = Array.from({ length: PARALLEL }, (_, i) => ({ space: i % 2 === 0 ? a : b, path: `f${i}.bin`, size: 45 }));
    const accepted = tally(await raceUploads(library, admin, targets));
    assert.equal(accepted, 4);
    const stored = (await storedBytes(library, admin, a)) + (await storedBytes(library, admin, b));
    assert.equal(stored, accepted * 45);
    assert.equal((await usageOf(server, library, admin, a)).availableSpace, String(200 - stored));
  });

  it('never overshoots the library quota across spaces', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 3, { EnableQuota: true, LibraryQuota: 100 });
    const targets = Array.from({ length: PARALLEL }, (_, i) => ({ space: spaces[i % 3] as string, path: `f${i}.bin`, size: 30 }));
    const accepted = tally(await raceUploads(library, admin, targets));
    assert.equal(accepted, 3);
    let stored = 0;
    for (const space of spaces) {
      stored += await storedBytes(library, admin, space);
    }
    assert.equal(stored, accepted * 30);
    const usage = await call(server, 'GET', `/api/v1/usage/${library.libraryId}${q(admin)}`);
    assert.equal(usage.body.totalFileSize, String(stored));
    // Once the racers are done the counter lets exactly the remaining bytes in.
    const rest = 100 - stored;
    if (rest > 0) {
      assert.equal((await uploadFile(server, library, admin, 'rest.bin', bytes(rest), { space: spaces[0] })).status, 200);
    }
    assert.equal((await uploadFile(server, library, admin, 'one-more.bin', bytes(1), { space: spaces[1] })).status, 400);
  });
});
