import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { newHexId } from '../../lib/ids.js';
import { BlobNotFoundError, type BlobStore } from './blob-store.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A stream that emits `good` bytes and then fails, like a client that disconnects. */
function failingStream(good: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(good);
      } else {
        this.destroy(new Error('client went away'));
      }
    },
  });
}

/**
 * The behaviour every BlobStore must have; each implementation's test file calls this
 * (hono's "one behaviour, many runtimes" pattern).
 */
export function describeBlobStore(name: string, open: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('stores and reads back bytes, whole and by range', async () => {
      const key = randomUUID();
      const data = randomBytes(300_000);
      assert.deepEqual(await store.put(key, Readable.from([data.subarray(0, 1000), data.subarray(1000)])), { size: data.length });
      assert.deepEqual(await readAll(await store.get(key)), data);
      assert.deepEqual(await readAll(await store.get(key, { range: { start: 10, end: 19 } })), data.subarray(10, 20));
      assert.deepEqual(await store.stat(key), { size: data.length });
    });

    it('stores an empty blob', async () => {
      const key = randomUUID();
      await store.put(key, Readable.from([]));
      assert.deepEqual(await store.stat(key), { size: 0 });
      assert.equal((await readAll(await store.get(key))).length, 0);
    });

    it('reports missing blobs and deletes idempotently', async () => {
      const key = randomUUID();
      assert.equal(await store.stat(key), null);
      await assert.rejects(async () => readAll(await store.get(key)), BlobNotFoundError);
      await store.put(key, Readable.from([Buffer.from('x')]));
      await store.delete(key);
      await store.delete(key);
      assert.equal(await store.stat(key), null);
    });

    it('leaves nothing behind when the source stream fails mid-way', async () => {
      const key = randomUUID();
      await assert.rejects(store.put(key, failingStream(randomBytes(64 * 1024))));
      assert.equal(await store.stat(key), null);
    });

    it('refuses keys that could escape the key space', async () => {
      for (const key of ['../etc/passwd', 'a/b', '', '..', 'x'.repeat(300)]) {
        await assert.rejects(store.put(key, Readable.from([Buffer.from('x')])));
      }
    });

    it('joins multipart parts given in any order, small parts included', async () => {
      const uploadId = newHexId();
      const parts = [randomBytes(2000), randomBytes(3000), randomBytes(10)];
      await store.putPart(uploadId, 3, Readable.from([parts[2] as Buffer]));
      await store.putPart(uploadId, 1, Readable.from([parts[0] as Buffer]));
      await store.putPart(uploadId, 2, Readable.from([randomBytes(5)]));
      await store.putPart(uploadId, 2, Readable.from([parts[1] as Buffer]));
      const key = randomUUID();
      await store.completeMultipart(uploadId, [1, 2, 3], key);
      assert.deepEqual(await readAll(await store.get(key)), Buffer.concat(parts));
      await store.abortMultipart(uploadId);
    });

    it('joins large parts (server-side where the store can)', async () => {
      const uploadId = newHexId();
      const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
      await Promise.all(parts.map((part, index) => store.putPart(uploadId, index + 1, Readable.from([part]))));
      const key = randomUUID();
      await store.completeMultipart(uploadId, [1, 2], key);
      assert.deepEqual(await store.stat(key), { size: parts[0]!.length + parts[1]!.length });
      assert.deepEqual(await readAll(await store.get(key, { range: { start: 5 * 1024 * 1024, end: 5 * 1024 * 1024 + 9 } })), parts[1]!.subarray(0, 10));
    });

    it('aborts a multipart upload', async () => {
      const uploadId = newHexId();
      await store.putPart(uploadId, 1, Readable.from([randomBytes(100)]));
      await store.abortMultipart(uploadId);
      await store.abortMultipart(uploadId);
      await assert.rejects(store.completeMultipart(uploadId, [1], randomUUID()));
    });

    it('lists stored keys', async () => {
      const key = randomUUID();
      await store.put(key, Readable.from([Buffer.from('listed')]));
      const keys: string[] = [];
      for await (const item of store.listKeys()) {
        keys.push(item);
      }
      assert.ok(keys.includes(key));
    });

    it('signs direct uploads the way SMH clients send them (no query string, headers verbatim)', async (t) => {
      if (!store.capabilities.presign || !store.presignPut) {
        t.skip('no presign capability');
        return;
      }
      const key = randomUUID();
      const target = await store.presignPut(key, { contentType: 'image/png' });
      assert.ok(!target.path.includes('?'));
      const response = await fetch(`http://${target.domain}${target.path}`, { method: 'PUT', headers: target.headers, body: 'direct bytes' });
      assert.equal(response.status, 200, await response.text());
      assert.deepEqual(await store.stat(key), { size: 12 });
      const tampered = await fetch(`http://${target.domain}${target.path}`, {
        method: 'PUT',
        headers: { ...target.headers, 'Content-Type': 'text/html' },
        body: 'evil',
      });
      assert.equal(tampered.status, 403);
    });

    it('presigns direct download URLs where it can', async (t) => {
      if (!store.capabilities.presign || !store.presignGet) {
        t.skip('no presign capability');
        return;
      }
      const key = randomUUID();
      await store.put(key, Readable.from([Buffer.from('presigned')]));
      const url = await store.presignGet(key, { expiresInSeconds: 60, contentType: 'text/plain', contentDisposition: 'inline' });
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/plain');
      assert.equal(await response.text(), 'presigned');
    });
  });
}
