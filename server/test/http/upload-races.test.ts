import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expireUploads } from '../../src/jobs/expire-uploads.js';
import { crc64Of } from '../../src/lib/crc64.js';
import { CONFIRM_LEASE_MS } from '../../src/services/upload-claim.js';
import type { UploadHooks } from '../../src/services/upload-hooks.js';
import { Gates } from '../helpers/gates.js';
import { adminToken, assertSmhError, call, confirmUpload, createLibrary, download, fileUrl, initiateUpload, type Library, putToTarget } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const TTL_SECONDS = 60;
const MIN_PART = 1024;

/**
 * Issue 10 item 3: each pair of upload operations raced deterministically, one parked at a named
 * point of the flow (services/upload-hooks.ts) while the other runs. Whoever wins, no file points
 * at deleted bytes and the stored CRC describes the stored bytes.
 */
describe('uploads: confirm races', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  const gates = new Gates();
  const hooks: UploadHooks = {
    afterClaim: (key) => gates.pass('afterClaim', key),
    beforeCommit: (key) => gates.pass('beforeCommit', key),
    beforePartBytes: (key) => gates.pass('beforePartBytes', key),
    afterFinish: (key) => gates.pass('afterFinish', key),
  };
  before(async () => {
    server = await startServer({ OPENSMH_UPLOAD_TTL_SECONDS: String(TTL_SECONDS), OPENSMH_MIN_PART_SIZE: String(MIN_PART) }, { uploadHooks: hooks });
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });

  async function sent(path: string, content: string): Promise<string> {
    const init = await initiateUpload(server, library, token, path);
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.equal((await putToTarget(init.body, content)).status, 200);
    return init.body.confirmKey as string;
  }

  async function bytesOf(confirmKey: string): Promise<boolean> {
    const row = await server.stores.meta.uploads.get(confirmKey);
    return row?.blobKey ? (await server.stores.blob.stat(row.blobKey)) !== null : false;
  }

  const info = (path: string) => call(server, 'HEAD', fileUrl(library, token, path));

  it('cancel while a confirm holds the upload is refused, and the confirmed file keeps its bytes', async () => {
    const key = await sent('cancel-late.txt', 'kept');
    const parked = gates.set('afterClaim', key);
    const confirming = confirmUpload(server, library, token, key);
    await parked.reached;
    assertSmhError(await call(server, 'DELETE', fileUrl(library, token, key, { upload: '' })), 409, 'UploadConfirming');
    parked.open();
    assert.equal((await confirming).status, 200);
    assert.equal((await download(server, library, token, 'cancel-late.txt')).toString(), 'kept');
  });

  it('a confirm after a cancel won finds no upload, and the bytes are gone', async () => {
    const key = await sent('cancel-first.txt', 'dropped');
    const parked = gates.set('afterFinish', key);
    const cancelling = call(server, 'DELETE', fileUrl(library, token, key, { upload: '' }));
    await parked.reached;
    assertSmhError(await confirmUpload(server, library, token, key), 404, 'UploadNotFound');
    parked.open();
    assert.equal((await cancelling).status, 204);
    assert.equal(await bytesOf(key), false);
    assert.equal((await info('cancel-first.txt')).status, 404);
  });

  it('the expiry sweep leaves an upload a live confirm holds, even past its target expiry', async () => {
    const key = await sent('expiry-late.txt', 'survives');
    // Confirm just before the target expires, then pass that expiry while the claim's lease runs.
    server.clock.advance((TTL_SECONDS - 5) * 1000);
    const parked = gates.set('afterClaim', key);
    const confirming = confirmUpload(server, library, token, key);
    await parked.reached;
    server.clock.advance(CONFIRM_LEASE_MS / 2);
    await expireUploads(server.stores.meta, server.stores.blob, server.clock.now());
    assert.equal((await server.stores.meta.uploads.get(key))?.status, 'confirming');
    parked.open();
    assert.equal((await confirming).status, 200);
    assert.equal((await download(server, library, token, 'expiry-late.txt')).toString(), 'survives');
  });

  it('a confirm whose lease lapsed loses to the sweep: no file, no bytes', async () => {
    const key = await sent('lease-lapsed.txt', 'lost');
    const parked = gates.set('beforeCommit', key);
    const confirming = confirmUpload(server, library, token, key);
    await parked.reached;
    server.clock.advance(CONFIRM_LEASE_MS + 1000);
    await expireUploads(server.stores.meta, server.stores.blob, server.clock.now());
    assert.equal((await server.stores.meta.uploads.get(key))?.status, 'expired');
    assert.equal(await bytesOf(key), false);
    parked.open();
    assertSmhError(await confirming, 404, 'UploadNotFound');
    assert.equal((await info('lease-lapsed.txt')).status, 404);
  });

  it('a confirm after the sweep expired the upload finds nothing', async () => {
    const key = await sent('expired-first.txt', 'late');
    server.clock.advance((TTL_SECONDS + 1) * 1000);
    await expireUploads(server.stores.meta, server.stores.blob, server.clock.now());
    assertSmhError(await confirmUpload(server, library, token, key), 404, 'UploadNotFound');
    assert.equal(await bytesOf(key), false);
  });

  it('two confirms of one upload both answer the same file', async () => {
    const key = await sent('twice.txt', 'once');
    const parked = gates.set('afterClaim', key);
    const first = confirmUpload(server, library, token, key);
    await parked.reached;
    const second = confirmUpload(server, library, token, key);
    parked.open();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(b.status, 200, JSON.stringify(b.body));
    assert.deepEqual(a.body.path, ['twice.txt']);
    assert.deepEqual(b.body.path, a.body.path);
    assert.equal((await download(server, library, token, 'twice.txt')).toString(), 'once');
  });

  async function multipart(path: string, parts: Buffer[]): Promise<{ key: string; target: { domain: string; path: string; headers: Record<string, string>; uploadId: string } }> {
    const init = await initiateUpload(server, library, token, path, { kind: 'multipart' });
    assert.equal(init.status, 201, JSON.stringify(init.body));
    for (const [index, part] of parts.entries()) {
      assert.equal((await putToTarget(init.body, part, index + 1)).status, 200);
    }
    return { key: init.body.confirmKey, target: init.body };
  }

  it('a part re-sent while a confirm joins is refused; the file is the bytes the CRC describes', async () => {
    const parts = [Buffer.alloc(MIN_PART, 'a'), Buffer.alloc(100, 'b')];
    const { key, target } = await multipart('join-late.bin', parts);
    const parked = gates.set('afterClaim', key);
    const confirming = confirmUpload(server, library, token, key);
    await parked.reached;
    assert.equal((await putToTarget(target, Buffer.alloc(MIN_PART, 'z'), 1)).status, 403);
    parked.open();
    const confirmed = await confirming;
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const stored = await download(server, library, token, 'join-late.bin');
    assert.ok(stored.equals(Buffer.concat(parts)));
    assert.equal(confirmed.body.crc64, await crc64Of(stored));
  });

  it('a part PUT already streaming when a confirm claims cannot change the joined bytes', async () => {
    const parts = [Buffer.alloc(MIN_PART, 'c'), Buffer.alloc(100, 'd')];
    const { key, target } = await multipart('join-during.bin', parts);
    const parked = gates.set('beforePartBytes', key);
    const resend = putToTarget(target, Buffer.alloc(MIN_PART, 'y'), 1);
    await parked.reached;
    const confirmed = await confirmUpload(server, library, token, key);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    parked.open();
    assert.equal((await resend).status, 403);
    const stored = await download(server, library, token, 'join-during.bin');
    assert.ok(stored.equals(Buffer.concat(parts)));
    assert.equal(confirmed.body.crc64, await crc64Of(stored));
  });
});
