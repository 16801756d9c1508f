/**
 * Throughput of OpenSMH's upload and download paths on the embedded stores, against the same
 * machine's raw disk measured in the same run. Prints MB/s and the ratio to the reference.
 *
 *   npm run bench            (256 MiB file, 200 small files)
 *   BENCH_MB=1024 npm run bench
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { request } from 'node:http';
import { startServer } from '../server/test/helpers/start-server.js';
import { adminToken, call, createLibrary, q } from '../server/test/helpers/smh-client.js';

const SIZE_MB = Number(process.env.BENCH_MB ?? 256);
const SMALL_FILES = Number(process.env.BENCH_SMALL ?? 200);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}

function putFile(url: string, headers: Record<string, string>, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

function getToFile(url: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      pipeline(res, createWriteStream(file)).then(resolve, reject);
    })
      .on('error', reject)
      .end();
  });
}

async function rawCopy(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createWriteStream(to));
  const handle = await open(to, 'r+');
  await handle.sync();
  await handle.close();
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'opensmh-bench-'));
  const source = join(work, 'source.bin');
  const chunk = Buffer.alloc(1024 * 1024);
  const out = createWriteStream(source);
  for (let i = 0; i < SIZE_MB; i += 1) {
    chunk.fill(i % 251);
    out.write(chunk);
  }
  await new Promise((done) => out.end(done));

  const server = await startServer();
  try {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const L = library.libraryId;

    const [rawWrite] = await timed(() => rawCopy(source, join(work, 'raw-copy.bin')));
    const [upload] = await timed(async () => {
      const init = await call(server, 'PUT', `/api/v1/file/${L}/-/big.bin${q(token)}`);
      const status = await putFile(`http://${init.body.domain}${init.body.path}`, init.body.headers, source);
      if (status !== 200) {throw new Error(`upload PUT answered ${status}`);}
      const confirmed = await call(server, 'POST', `/api/v1/file/${L}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`);
      if (confirmed.status !== 200) {throw new Error(`confirm answered ${confirmed.status}`);}
    });
    const [rawRead] = await timed(() => pipeline(createReadStream(source), createWriteStream('/dev/null')));
    const [download] = await timed(async () => {
      const redirect = await call(server, 'GET', `/api/v1/file/${L}/-/big.bin${q(token)}`);
      await getToFile(redirect.headers.get('location') as string, '/dev/null');
    });

    const small = Buffer.alloc(4096, 7);
    const [rawSmall] = await timed(async () => {
      for (let i = 0; i < SMALL_FILES; i += 1) {
        const file = join(work, `small-${i}`);
        await writeFile(file, small);
        const handle = await open(file, 'r+');
        await handle.sync();
        await handle.close();
      }
    });
    const [smallUploads] = await timed(async () => {
      for (let i = 0; i < SMALL_FILES; i += 1) {
        const init = await call(server, 'PUT', `/api/v1/file/${L}/-/small-${i}.bin${q(token)}`);
        await fetch(`http://${init.body.domain}${init.body.path}`, { method: 'PUT', headers: init.body.headers, body: small });
        await call(server, 'POST', `/api/v1/file/${L}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`);
      }
    });

    const mbps = (seconds: number) => (SIZE_MB / seconds).toFixed(0);
    const rows: [string, string, string, string][] = [
      ['upload (stream + hash + fsync + commit)', `${mbps(upload)} MB/s`, `raw copy + fsync ${mbps(rawWrite)} MB/s`, (rawWrite / upload).toFixed(2)],
      ['download (302 + signed URL + stream)', `${mbps(download)} MB/s`, `raw read ${mbps(rawRead)} MB/s`, (rawRead / download).toFixed(2)],
      [
        `${SMALL_FILES} × 4 KiB uploads (3 requests each)`,
        `${(SMALL_FILES / smallUploads).toFixed(0)} files/s`,
        `raw write + fsync ${(SMALL_FILES / rawSmall).toFixed(0)} files/s`,
        (rawSmall / smallUploads).toFixed(2),
      ],
    ];
    process.stdout.write(`OpenSMH vs raw disk, ${SIZE_MB} MiB file (ratio = OpenSMH speed / reference speed)\n`);
    for (const [what, ours, reference, ratio] of rows) {
      process.stdout.write(`  ${what.padEnd(44)} ${ours.padStart(12)}   vs ${reference.padEnd(30)} ratio ${ratio}\n`);
    }
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
