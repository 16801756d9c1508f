import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crc64Of } from '../../server/src/lib/crc64.js';
import { startServer, type TestServer } from '../../server/test/helpers/start-server.js';
import { Crc64MismatchError, memoryResumeStore, OpenSmhClient, SmhApiError, type TransferProgress } from '../src/index.js';
import { fileResumeStore, fileSource } from '../src/node/index.js';
import { clientFor, content, countingFetch, MIB } from './helpers.js';

/**
 * The issue asks for 200 MB, which the local tier does in about 25 s here. The S3 tier's Ceph RGW
 * keeps objects in a 2 GB memstore shared by every test run on the machine, and parts plus the
 * assembled object hold twice the size, so it uses 64 MB. OPENSMH_TEST_BIG_MB overrides both.
 */
const BIG = Number(process.env.OPENSMH_TEST_BIG_MB ?? ((process.env.OPENSMH_TEST_STORES ?? '').includes('s3') ? 64 : 200)) * MIB;

describe('client uploads against a real server', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), 'opensmh-client-'));
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('simple upload: bytes, CRC and progress agree with the server', async () => {
    const { client } = await clientFor(server);
    await client.mkdir('docs');
    const events: TransferProgress[] = [];
    const data = content(300_000, 'simple');
    const result = await client.upload('docs/a.bin', data, { onProgress: (event) => events.push(event) });
    assert.deepEqual(result.file.path, ['docs', 'a.bin']);
    assert.equal(result.crc64, await crc64Of(data));
    assert.equal(result.file.crc64, result.crc64);
    assert.equal(result.instant, false);
    assert.equal(result.sentBytes, data.length);
    assert.equal(events.at(-1)?.phase, 'done');
    assert.equal(events.at(-1)?.loaded, data.length);
    assert.ok(events.some((event) => event.phase === 'transfer' && event.loaded > 0 && event.loaded < data.length), 'progress moved during the transfer');
    assert.deepEqual(Buffer.from(await client.downloadBytes('docs/a.bin')), data);
  });

  it(`multipart upload of ${BIG / MIB} MiB aborted at 50 % resumes without re-sending finished parts`, async () => {
    const { library } = await clientFor(server);
    const path = join(dir, 'big.bin');
    const data = content(BIG, 'big');
    await writeFile(path, data);
    const store = fileResumeStore(join(dir, 'resume'));
    const resume = { store, key: `${path}→big.bin` };
    const controller = new AbortController();
    const first = countingFetch({ abortAfterPartBytes: BIG / 2, controller });
    const killed = new OpenSmhClient({ baseUrl: server.url, libraryId: library.libraryId, librarySecret: library.librarySecret, fetch: first.fetch });
    const source = await fileSource(path);
    await assert.rejects(
      killed.upload('big.bin', source, { resume, signal: controller.signal, instant: false, partSize: 8 * MIB, multipartThreshold: 8 * MIB }),
      (error: Error) => error.name === 'AbortError',
    );
    await source.close?.();
    assert.ok(first.stats.partBytes >= BIG / 2 && first.stats.partBytes < BIG, `first run sent ${first.stats.partBytes}`);
    const saved = await store.get(resume.key);
    assert.ok(saved, 'the confirm key was kept for the resume');
    const state = await killed.uploadState(saved.confirmKey);
    assert.equal(state.confirmed, false);
    assert.ok((state.parts?.length ?? 0) >= 1);

    // A new process: a fresh client and source, only the resume store carried over.
    const second = countingFetch();
    const resumed = new OpenSmhClient({ baseUrl: server.url, libraryId: library.libraryId, librarySecret: library.librarySecret, fetch: second.fetch });
    const again = await fileSource(path);
    const result = await resumed.upload('big.bin', again, { resume, instant: false, partSize: 8 * MIB, multipartThreshold: 8 * MIB });
    await again.close?.();
    // A part still in flight at the abort may land after the state was read; it is reused too.
    const finished = new Set((state.parts ?? []).map((part) => part.PartNumber));
    assert.deepEqual(second.stats.partNumbers.filter((n) => finished.has(n)), [], 'no finished part was sent again');
    const serverParts = (state.parts ?? []).reduce((sum, part) => sum + part.Size, 0);
    assert.ok(second.stats.partBytes <= BIG - serverParts);
    assert.equal(second.stats.partBytes, result.sentBytes);
    assert.ok(result.reusedBytes >= serverParts);
    assert.equal(result.sentBytes + result.reusedBytes, BIG);
    assert.equal(result.file.crc64, await crc64Of(data));
    assert.equal(Number(result.file.size), BIG);
    assert.equal(await store.get(resume.key), undefined, 'a finished upload forgets its resume state');
  });

  it('instant upload: the second copy of the same bytes sends nothing', async () => {
    const { client } = await clientFor(server);
    const data = content(3 * MIB + 5, 'instant');
    const first = await client.upload('one.bin', data);
    assert.equal(first.instant, false);
    const phases = new Set<string>();
    const second = await client.upload('two.bin', data, { onProgress: (event) => phases.add(event.phase) });
    assert.equal(second.instant, true);
    assert.equal(second.sentBytes, 0);
    assert.ok(phases.has('hash'), 'the full-hash pass is reported');
    assert.deepEqual(second.file.path, ['two.bin']);
    assert.equal(second.file.crc64, first.crc64);
    // Same beginning, different rest: the probe answers 202, the full hash misses, bytes are sent.
    const other = Buffer.from(data);
    other[other.length - 1] = (other[other.length - 1] as number) ^ 0xff;
    const third = await client.upload('three.bin', other);
    assert.equal(third.instant, false);
    assert.equal(third.file.crc64, await crc64Of(other));
  });

  it('detects a CRC mismatch when resumed parts no longer match the local file', async () => {
    const { client } = await clientFor(server);
    const size = 6 * MIB;
    const data = content(size, 'mismatch');
    const store = memoryResumeStore();
    const resume = { store, key: 'mismatch' };
    const controller = new AbortController();
    const counting = countingFetch({ abortAfterPartBytes: 1, controller });
    const killed = new OpenSmhClient({ baseUrl: client.baseUrl, libraryId: client.libraryId, accessToken: await client.accessToken(), fetch: counting.fetch });
    const options = { resume, instant: false, partSize: MIB, multipartThreshold: MIB, concurrency: 1 };
    await assert.rejects(killed.upload('m.bin', data, { ...options, signal: controller.signal }));
    const changed = Buffer.from(data);
    changed[10] = (changed[10] as number) ^ 0x01; // inside part 1, which the server already has
    await assert.rejects(client.upload('m.bin', changed, options), (error) => {
      assert.ok(error instanceof Crc64MismatchError, String(error));
      assert.equal(error.stage, 'upload');
      return true;
    });
    assert.equal(await store.get('m.bin'), undefined);
    assert.equal(await client.stat('m.bin'), null, 'nothing was stored');
    // Started afresh, the same bytes go through.
    const ok = await client.upload('m.bin', changed, options);
    assert.equal(ok.file.crc64, await crc64Of(changed));
  });

  it('errors carry SMH code, status, message and request id', async () => {
    const { client } = await clientFor(server);
    await assert.rejects(client.downloadBytes('nope.txt'), (error) => {
      assert.ok(error instanceof SmhApiError);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'FileNotFound');
      assert.match(error.requestId ?? '', /\S/);
      assert.doesNotMatch(error.message, /access_token/);
      return true;
    });
    await assert.rejects(client.upload('missing-dir/x.txt', 'x'), (error) => error instanceof SmhApiError && error.code === 'DirectoryNotFound');
  });
});
