import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../../server/test/helpers/start-server.js';
import { Crc64MismatchError, OpenSmhClient } from '../src/index.js';
import { downloadFile } from '../src/node/index.js';
import { clientFor, content, MIB } from './helpers.js';

/** A fetch whose download answers break after `cutAfter` bytes, the first `times` times (a dropped connection). */
function breakingFetch(cutAfter: number, times: number) {
  let left = times;
  return async (input: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(input, init);
    if (input.includes('/api/v1/') || left <= 0 || !response.body) {
      return response;
    }
    left -= 1;
    let seen = 0;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        if (seen + value.length > cutAfter) {
          controller.enqueue(value.subarray(0, cutAfter - seen));
          await reader.cancel();
          controller.error(new TypeError('terminated'));
          return;
        }
        seen += value.length;
        controller.enqueue(value);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

/** Flips one byte of every download answer: bytes damaged on the way. */
function corruptingFetch() {
  return async (input: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(input, init);
    if (input.includes('/api/v1/')) {
      return response;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    bytes[0] = (bytes[0] as number) ^ 1;
    return new Response(bytes, { status: response.status, headers: response.headers });
  };
}

describe('client downloads and listings against a real server', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), 'opensmh-client-dl-'));
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes a broken download with Range and still verifies the whole CRC-64', async () => {
    const { client, library } = await clientFor(server);
    const data = content(3 * MIB, 'range');
    await client.upload('r.bin', data);
    const ranges: string[] = [];
    const broken = breakingFetch(MIB, 1);
    const flaky = new OpenSmhClient({
      baseUrl: server.url,
      libraryId: library.libraryId,
      accessToken: await client.accessToken(),
      fetch: (input, init) => {
        const range = new Headers(init?.headers).get('range');
        if (range) {
          ranges.push(range);
        }
        return broken(input, init);
      },
    });
    const chunks: Uint8Array[] = [];
    const result = await flaky.downloadTo('r.bin', { write: (chunk) => void chunks.push(chunk) });
    assert.deepEqual(Buffer.concat(chunks), data);
    assert.equal(result.crc64, (await client.stat('r.bin'))?.crc64);
    assert.deepEqual(ranges, [`bytes=${MIB}-`], 'the second request asked only for the rest');
  });

  it('downloadFile continues a partial file left by a killed download', async () => {
    const { client } = await clientFor(server);
    const data = content(2 * MIB + 123, 'partial');
    await client.upload('p.bin', data);
    const local = join(dir, 'p.bin');
    const controller = new AbortController();
    await assert.rejects(
      downloadFile(client, 'p.bin', local, {
        signal: controller.signal,
        onProgress: (event) => event.loaded >= MIB && controller.abort(),
      }),
    );
    const partial = (await stat(`${local}.opensmh-part`)).size;
    assert.ok(partial > 0 && partial < data.length, `partial ${partial}`);
    const result = await downloadFile(client, 'p.bin', local);
    assert.equal(result.fetched, data.length - partial);
    assert.deepEqual(await readFile(local), data);
    await assert.rejects(stat(`${local}.opensmh-part`));
  });

  it('a damaged download is refused with Crc64MismatchError; a stale partial file is not trusted', async () => {
    const { client, library } = await clientFor(server);
    await client.upload('c.bin', content(4096, 'corrupt'));
    const bad = new OpenSmhClient({ baseUrl: server.url, libraryId: library.libraryId, accessToken: await client.accessToken(), fetch: corruptingFetch() });
    await assert.rejects(bad.downloadBytes('c.bin'), (error) => error instanceof Crc64MismatchError && error.stage === 'download');
    const local = join(dir, 'c.bin');
    await writeFile(`${local}.opensmh-part`, 'garbage');
    await writeFile(`${local}.opensmh-part.json`, JSON.stringify({ eTag: '"old"', path: 'c.bin' }));
    await downloadFile(client, 'c.bin', local);
    assert.deepEqual(await readFile(local), content(4096, 'corrupt'));
  });

  it('iterates a directory of many entries across pages, and walks subtrees', async () => {
    const { client } = await clientFor(server);
    await client.mkdir('many/sub');
    const names = Array.from({ length: 60 }, (_, i) => `f${String(i).padStart(3, '0')}.txt`);
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name) => client.upload(`many/${name}`, name)));
    }
    await client.upload('many/sub/deep.txt', 'deep');
    const pages: number[] = [];
    const listed: string[] = [];
    for await (const entry of client.list('many', { limit: 10 })) {
      listed.push(entry.name);
    }
    let marker: string | number | undefined;
    do {
      const page = await client.listPage('many', marker, { limit: 10 });
      pages.push(page.contents.length);
      marker = page.nextMarker;
    } while (marker !== undefined && marker !== '');
    assert.equal(listed.length, 61);
    assert.deepEqual(listed.slice(1), names);
    assert.equal(listed[0], 'sub');
    assert.ok(pages.length >= 6, `pages ${pages}`);
    const walked = [];
    for await (const item of client.walk('many')) {
      walked.push(item.relative);
    }
    assert.ok(walked.includes('sub/deep.txt'));
    assert.equal(walked.length, 62);
  });

  it('moves, copies, deletes to the recycle bin, restores, and awaits batch tasks', async () => {
    const { client } = await clientFor(server, { UseRecycleBin: true });
    await client.mkdir('a');
    await client.upload('a/x.txt', 'hello');
    assert.deepEqual(await client.move('a/x.txt', 'a/y.txt'), ['a', 'y.txt']);
    assert.deepEqual(await client.copy('a', 'b'), ['b']);
    assert.equal((await client.stat('b/y.txt'))?.size, '5');
    const { recycledItemId } = await client.delete('a/y.txt');
    assert.ok(Number.isInteger(recycledItemId));
    const bin = [];
    for await (const item of client.listRecycled()) {
      bin.push(item);
    }
    assert.deepEqual(bin.map((item) => item.recycledItemId), [recycledItemId]);
    assert.deepEqual(await client.restoreRecycled(recycledItemId as number), ['a', 'y.txt']);
    const results = await client.batch('delete', [{ path: 'a/y.txt', permanent: true }, { path: 'b', permanent: true }]);
    assert.equal(results.length, 2);
    assert.equal(await client.stat('b'), null);
    assert.equal(await client.mkdir('a').then((path) => path.join('/')), 'a', 'mkdir of an existing directory is fine');
  });
});
