import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc64HexToDecimal, crc64Of, newCrc64Hasher } from '../../src/lib/crc64.js';
import {
  adminToken,
  assertSmhError,
  call,
  confirmUpload,
  createLibrary,
  download,
  fileUrl,
  initiateUpload,
  type Library,
  makeDirectory,
  putToTarget,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const MIB = 1024 * 1024;

// A forced collection before each sample makes the heap figures mean "live", not "not yet collected".
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function liveBytes(): number {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Polls `check` until it holds; gives up after `attempts` rounds (a count, not a time budget). */
async function eventually(check: () => Promise<boolean>, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) {
      return true;
    }
    await delay(25);
  }
  return false;
}

async function entriesOf(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

describe('upload streaming: disconnects and memory', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_MIN_PART_SIZE: '1024' });
  });
  after(async () => {
    await server.close();
  });

  async function setup(): Promise<{ library: Library; token: string }> {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    await makeDirectory(server, library, token, 'big');
    return { library, token };
  }

  /**
   * Starts a PUT of `declared` bytes with node:http, writes `sent` bytes, waits until the server
   * has a temp file for it, then destroys the socket.
   */
  async function disconnectMidway(target: { domain: string; path: string; headers: Record<string, string> }, query: string, declared: number, sent: number): Promise<void> {
    const tmpDir = join(server.dataDir, 'blobs', 'tmp');
    const url = new URL(`http://${target.domain}${target.path}${query}`);
    const req = httpRequest(url, { method: 'PUT', headers: { ...target.headers, 'content-length': String(declared) } });
    const closed = new Promise<void>((resolve) => {
      req.on('error', () => resolve());
      req.on('close', () => resolve());
    });
    const chunk = Buffer.alloc(64 * 1024, 7);
    for (let written = 0; written < sent; written += chunk.length) {
      if (!req.write(chunk)) {
        await new Promise((resolve) => req.once('drain', resolve));
      }
    }
    assert.ok(await eventually(async () => (await entriesOf(tmpDir)).length > 0), 'the server started writing a temp file');
    req.destroy();
    await closed;
  }

  it('a client that disconnects mid-upload leaves no file and no temp file, and can retry with a full PUT', async () => {
    const { library, token } = await setup();
    const tmpDir = join(server.dataDir, 'blobs', 'tmp');
    const init = await initiateUpload(server, library, token, 'big/cut.bin');
    assert.equal(init.status, 201);
    const blobsBefore = await countBlobs(server);

    await disconnectMidway(init.body, '', 8 * MIB, 2 * MIB);

    assert.ok(await eventually(async () => (await entriesOf(tmpDir)).length === 0), `temp files left: ${(await entriesOf(tmpDir)).join(', ')}`);
    assert.equal(await countBlobs(server), blobsBefore, 'no blob was stored');
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'UploadIncomplete');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'big/cut.bin', { info: '' })), 404, 'FileNotFound');

    const content = Buffer.alloc(3 * MIB, 1);
    const put = await putToTarget(init.body, content);
    assert.equal(put.status, 200, await put.text());
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(content) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.size, String(content.length));
    assert.ok((await download(server, library, token, 'big/cut.bin')).equals(content));
  });

  it('a part upload cut short leaves no part and no temp file', async () => {
    const { library, token } = await setup();
    const tmpDir = join(server.dataDir, 'blobs', 'tmp');
    const init = await initiateUpload(server, library, token, 'big/parts.bin', { kind: 'multipart' });
    const query = `?partNumber=1&uploadId=${init.body.uploadId}`;

    await disconnectMidway(init.body, query, 4 * MIB, MIB);

    assert.ok(await eventually(async () => (await entriesOf(tmpDir)).length === 0), 'temp file removed');
    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.deepEqual(status.body.parts, []);
    const part = Buffer.alloc(2048, 3);
    assert.equal((await putToTarget(init.body, part, 1)).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(part) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  });

  it('streams a 64 MiB upload without buffering it in memory', async () => {
    const { library, token } = await setup();
    const size = 64 * MIB;
    const chunkSize = 256 * 1024;
    const init = await initiateUpload(server, library, token, 'big/stream.bin');
    const hasher = await newCrc64Hasher();
    const baseline = liveBytes();
    let peak = 0;
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let sent = 0, index = 0; sent < size; sent += chunkSize, index += 1) {
        const chunk = Buffer.alloc(chunkSize, index % 251);
        hasher.update(chunk);
        if (index % 16 === 0) {
          peak = Math.max(peak, liveBytes() - baseline);
        }
        yield chunk;
      }
    }
    const status = await streamPut(new URL(`http://${init.body.domain}${init.body.path}`), init.body.headers, size, generate());
    assert.equal(status, 200);
    peak = Math.max(peak, liveBytes() - baseline);
    assert.ok(peak < 16 * MIB, `live memory grew by ${(peak / MIB).toFixed(1)} MiB while streaming ${size / MIB} MiB`);

    const crc64 = crc64HexToDecimal(hasher.digest('hex'));
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64 } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.size, String(size));
    assert.equal(confirmed.body.crc64, crc64);
  });
});

/**
 * PUTs a generated body with node:http, which honours backpressure chunk by chunk, so the client
 * side holds only a chunk or two and the measured growth is the server's.
 */
async function streamPut(url: URL, headers: Record<string, string>, size: number, body: AsyncIterable<Uint8Array>): Promise<number> {
  const req = httpRequest(url, { method: 'PUT', headers: { ...headers, 'content-length': String(size) } });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  await pipeline(Readable.from(body), req);
  const res = await response;
  res.resume();
  return res.statusCode ?? 0;
}

async function countBlobs(server: TestServer): Promise<number> {
  let count = 0;
  for await (const _key of server.stores.blob.listKeys()) {
    count += 1;
  }
  return count;
}
