import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expireUploads } from '../../src/jobs/expire-uploads.js';
import { bytes, quotaOk, tenantLibrary, usageOf } from '../helpers/quota-client.js';
import { adminToken, assertSmhError, call, confirmUpload, createLibrary, fileUrl, initiateUpload, type Library, putToTarget } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const MAX = 1000;

/** Issue 10 item 5: bytes before confirm are bounded, and pending uploads hold their quota. */
describe('uploads: size limits and reservations', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    // Simple uploads through the API node on both tiers, so its limit is what is tested here.
    server = await startServer({ OPENSMH_MAX_UPLOAD_SIZE: String(MAX), OPENSMH_MIN_PART_SIZE: '100', OPENSMH_S3_PROXY_UPLOADS: 'true' });
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });

  async function storedBlob(confirmKey: string): Promise<string | null> {
    return (await server.stores.meta.uploads.get(confirmKey))?.blobKey ?? null;
  }

  async function errorOf(response: Response): Promise<{ status: number; code: string }> {
    return { status: response.status, code: ((await response.json()) as { code: string }).code };
  }

  it('a simple PUT longer than the declared filesize is refused and keeps nothing', async () => {
    const init = await call(server, 'PUT', fileUrl(library, token, 'declared.txt', { filesize: '10' }));
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.deepEqual(await errorOf(await putToTarget(init.body, bytes(11))), { status: 413, code: 'RequestEntityTooLarge' });
    assert.equal(await storedBlob(init.body.confirmKey), null);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'UploadIncomplete');
    assert.equal((await putToTarget(init.body, bytes(10))).status, 200);
    assert.equal((await confirmUpload(server, library, token, init.body.confirmKey)).status, 200);
  });

  it('a PUT or part beyond the configured maximum is refused', async () => {
    const simple = await initiateUpload(server, library, token, 'huge.txt');
    assert.deepEqual(await errorOf(await putToTarget(simple.body, bytes(MAX + 1))), { status: 413, code: 'RequestEntityTooLarge' });
    assert.equal(await storedBlob(simple.body.confirmKey), null);
    const multi = await initiateUpload(server, library, token, 'huge.bin', { kind: 'multipart' });
    assert.deepEqual(await errorOf(await putToTarget(multi.body, bytes(MAX + 1), 1)), { status: 413, code: 'RequestEntityTooLarge' });
    assert.deepEqual(await server.stores.meta.uploads.listParts(multi.body.confirmKey), []);
    assert.equal((await putToTarget(multi.body, bytes(MAX), 1)).status, 200);
  });

  it('pending uploads with a filesize reserve quota; confirm, cancel and expiry settle it exactly', async () => {
    const { library: tenant, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    await quotaOk(server, tenant, admin, { spaces, capacity: '100' });
    const init = (path: string, filesize: number) => call(server, 'PUT', fileUrl(tenant, admin, path, { filesize: String(filesize) }, space));
    const first = await init('a.txt', 60);
    assert.equal(first.status, 201);
    // 60 of 100 are held: a second 60-byte upload cannot even start.
    assertSmhError(await init('b.txt', 60), 400, 'QuotaLimitReached');
    assert.equal((await usageOf(server, tenant, admin, space)).availableSpace, '40');
    // Confirm turns the reservation into usage (counted once).
    assert.equal((await putToTarget(first.body, bytes(60))).status, 200);
    assert.equal((await confirmUpload(server, tenant, admin, first.body.confirmKey, { space })).status, 200);
    assert.deepEqual(await usageOf(server, tenant, admin, space), { spaceId: space, capacity: '100', availableSpace: '40', size: '60' });
    // Cancel gives a reservation back.
    const second = await init('c.txt', 40);
    assert.equal(second.status, 201);
    assertSmhError(await init('d.txt', 1), 400, 'QuotaLimitReached');
    assert.equal((await call(server, 'DELETE', fileUrl(tenant, admin, second.body.confirmKey, { upload: '' }, space))).status, 204);
    assert.equal((await usageOf(server, tenant, admin, space)).availableSpace, '40');
    // So does expiry.
    const third = await init('e.txt', 40);
    assert.equal(third.status, 201);
    server.clock.advance(7200 * 1000);
    await expireUploads(server.stores.meta, server.stores.blob, server.clock.now());
    assert.deepEqual(await usageOf(server, tenant, admin, space), { spaceId: space, capacity: '100', availableSpace: '40', size: '60' });
  });
});
