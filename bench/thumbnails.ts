/**
 * Thumbnails: 4000×3000 JPEGs rendered at size=256 through the real server (`?preview`, which
 * copies the source to a temp file, renders with sharp, stores the rendition and signs a URL),
 * against ImageMagick's `convert -thumbnail` (the real one, /usr/bin/convert) on the same files
 * with the same parallelism, measured in the same run. Also: p95 latency of a request whose
 * rendition is already kept, and the process's peak RSS while a burst of previews renders.
 *
 *   npm run bench                           (24 photos, burst of 200)
 *   BENCH_PHOTOS=60 BENCH_BURST=200 npm run bench
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { adminToken, call, createLibrary, type Library, q, uploadFile } from '../server/test/helpers/smh-client.js';
import { startServer, type TestServer } from '../server/test/helpers/start-server.js';

const run = promisify(execFile);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 24);
const BURST = Number(process.env.BENCH_BURST ?? 200);
const CACHED_REQUESTS = 300;
const CORES = availableParallelism();
const IMAGEMAGICK = '/usr/bin/convert';

/** A photo-like 4000×3000 picture: smooth gradients plus sensor-like noise, hue shifted per file. */
async function makePhotos(dir: string): Promise<string[]> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) % 24;
      const i = (y * width + x) * 3;
      raw[i] = ((x * 255) / width + noise) & 255;
      raw[i + 1] = ((y * 255) / height + noise) & 255;
      raw[i + 2] = (((x + y) * 128) / (width + height) + 64 + noise) & 255;
    }
  }
  const files: string[] = [];
  for (let n = 0; n < PHOTOS; n += 1) {
    const file = join(dir, `photo-${n}.jpg`);
    await writeFile(file, await sharp(raw, { raw: { width, height, channels: 3 } }).modulate({ hue: (n * 37) % 360 }).jpeg({ quality: 88 }).toBuffer());
    files.push(file);
  }
  return files;
}

/** Runs `task` over `items` with at most `limit` at once; resolves with the wall time in seconds. */
async function parallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await task(item);
      }
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function isRealImageMagick(): Promise<boolean> {
  try {
    return (await run(IMAGEMAGICK, ['-version'])).stdout.includes('ImageMagick');
  } catch {
    return false;
  }
}

async function previewOk(server: TestServer, library: Library, token: string, name: string, size: number): Promise<void> {
  const response = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/${name}${q(token, { preview: '', size: String(size) })}`);
  if (response.status !== 302 || new URL(response.headers.get('location') as string).searchParams.get('k') === null) {
    throw new Error(`preview of ${name} answered ${response.status}`);
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'opensmh-bench-thumbs-'));
  const server = await startServer({ OPENSMH_MEDIA_CONCURRENCY: String(CORES), OPENSMH_MEDIA_PRERENDER_SIZE: '0' });
  try {
    process.stdout.write(`making ${PHOTOS} photos of 4000×3000…\n`);
    const files = await makePhotos(work);
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const names = files.map((_, n) => `photo-${n}.jpg`);
    for (const [n, name] of names.entries()) {
      await uploadFile(server, library, token, name, await readFile(files[n] as string));
    }

    const oursSeconds = await parallel(names, CORES, (name) => previewOk(server, library, token, name, 256));
    const perMinPerCore = (seconds: number) => (PHOTOS / seconds) * 60 / CORES;
    const rows: string[] = [];
    rows.push(`  thumbnails size=256 (server ?preview)     ${perMinPerCore(oursSeconds).toFixed(0).padStart(6)} /min/core`);
    if (await isRealImageMagick()) {
      const imSeconds = await parallel(files, CORES, async (file) => {
        await run(IMAGEMAGICK, [file, '-auto-orient', '-thumbnail', '256x256^', '-gravity', 'center', '-extent', '256x256', `${file}.thumb.jpg`]);
      });
      rows.push(`  ImageMagick convert -thumbnail 256x256^   ${perMinPerCore(imSeconds).toFixed(0).padStart(6)} /min/core   ratio ${(imSeconds / oursSeconds).toFixed(2)} (OpenSMH speed / ImageMagick speed)`);
    } else {
      rows.push('  ImageMagick reference skipped: /usr/bin/convert is not ImageMagick (apt-get install imagemagick)');
    }

    const latencies: number[] = [];
    for (let i = 0; i < CACHED_REQUESTS; i += 1) {
      const start = process.hrtime.bigint();
      await previewOk(server, library, token, names[i % names.length] as string, 256);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] as number;
    rows.push(`  cached rendition request (302)            p50 ${(latencies[Math.floor(latencies.length / 2)] as number).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (goal < 10 ms)`);

    // A burst of distinct renditions (new sizes), all requested at once: the limiter queues them.
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const burst = Array.from({ length: BURST }, (_, i) => [names[i % names.length] as string, 100 + Math.floor(i / names.length)] as const);
    const burstSeconds = await parallel(burst, BURST, ([name, size]) => previewOk(server, library, token, name, size));
    clearInterval(sampler);
    rows.push(`  ${BURST} previews requested in parallel        ${burstSeconds.toFixed(1)} s, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB (goal < 300 MB; ${(baseline / 1024 / 1024).toFixed(0)} MB before the burst, bench data included)`);

    process.stdout.write(`Thumbnails of 4000×3000 JPEGs, ${PHOTOS} files, ${CORES} cores\n${rows.join('\n')}\n`);
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
