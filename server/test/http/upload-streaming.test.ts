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
  assertSmhError,
  call,
  confirmUpload,
  download,
  fileUrl,
  initiateUpload,
  libraryWithDirectory,
  putToTarget,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { USE_S3 } from '../helpers/test-stores.js';
import { blobCount } from '../helpers/version-client.js';

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

/**
 * Temp files of the local blob store. With the S3 blob store (OPENSMH_TEST_STORES=s3) there is
 * no blobs/ folder, so the disk checks below become no-ops and the HTTP-visible checks remain.
 */
async function tmpFiles(server: TestServer): Promise<string[]> {
  return readdir(join(server.dataDir, 'blobs', 'tmp')).catch(() => []);
}

/** Waits until the server is writing the body somewhere (a temp file, on local disk). */
async function serverIsWriting(server: TestServer): Promise<void> {
  if (USE_S3) {
    await delay(200);
    return;
  }
  assert.ok(await eventually(async () => (await tmpFiles(server)).length > 0), 'the server started writing a temp file');
}

async function assertNoTempFiles(server: TestServer): Promise<void> {
  if (!USE_S3) {
    assert.ok(await eventually(async () => (await tmpFiles(server)).length === 0), `temp files left: ${(await tmpFiles(server)).join(', ')}`);
  }
}

describe('upload streaming: disconnects and memory', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_MIN_PART_SIZE: '1024' });
  });
  after(async () => {
    await server.close();
  });

  const setup = () => libraryWithDirectory(server, 'big');

  /**
   * Starts a PUT of `declared` bytes with node:http, writes `sent` bytes, waits until the server
   * has a temp file for it, then destroys the socket.
   */
  async function disconnectMidway(target: { domain: string; path: string; headers: Record<string, string> }, query: string, declared: number, sent: number): Promise<void> {
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
    await serverIsWriting(server);
    req.destroy();
    await closed;
  }

  it('a client that disconnects mid-upload leaves no file and no temp file, and can retry with a full PUT', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'big/cut.bin');
    assert.equal(init.status, 201);
    const blobsBefore = await blobCount(server);

    await disconnectMidway(init.body, '', 8 * MIB, 2 * MIB);

    await assertNoTempFiles(server);
    assert.equal(await blobCount(server), blobsBefore, 'no blob was stored');
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
    const init = await initiateUpload(server, library, token, 'big/parts.bin', { kind: 'multipart' });
    const query = `?partNumber=1&uploadId=${init.body.uploadId}`;

    await disconnectMidway(init.body, query, 4 * MIB, MIB);

    await assertNoTempFiles(server);
    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.deepEqual(status.body.parts, []);
    const part = Buffer.alloc(2048, 3);
    assert.equal((await putToTarget(init.body, part, 1)).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(part) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  });

  it('a form upload cut short leaves no temp file and can be sent again', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'big/form.bin', { kind: 'form' });
    const boundary = 'opensmh-test-boundary';
    const head = Object.entries(init.body.form as Record<string, string>)
      .map(([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`)
      .join('');
    const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const req = httpRequest(new URL(`http://${init.body.domain}/`), {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(16 * MIB) },
    });
    const closed = new Promise<void>((resolve) => {
      req.on('error', () => resolve());
      req.on('close', () => resolve());
    });
    req.write(head + fileHead);
    const chunk = Buffer.alloc(64 * 1024, 9);
    for (let written = 0; written < 2 * MIB; written += chunk.length) {
      if (!req.write(chunk)) {
        await new Promise((resolve) => req.once('drain', resolve));
      }
    }
    await serverIsWriting(server);
    req.destroy();
    await closed;
    await assertNoTempFiles(server);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'UploadIncomplete');

    const form = new FormData();
    for (const [key, value] of Object.entries(init.body.form as Record<string, string>)) {
      form.append(key, value);
    }
    form.append('file', new Blob(['complete']), 'f.bin');
    const posted = await fetch(`http://${init.body.domain}/`, { method: 'POST', body: form });
    assert.equal(posted.status, 204, await posted.text());
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal((await download(server, library, token, 'big/form.bin')).toString(), 'complete');
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
    // The S3 store holds up to queueSize + 1 parts of 5 MiB in flight; still bounded, not the file.
    const bound = USE_S3 ? 32 * MIB : 16 * MIB;
    assert.ok(peak < bound, `live memory grew by ${(peak / MIB).toFixed(1)} MiB while streaming ${size / MIB} MiB`);

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
