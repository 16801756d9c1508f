import { join } from 'node:path';
import { startServerProcess } from './node-server.js';
import { sqlitePopulator } from './populate.js';
import { curlGet, curlPut, ddFsyncSeconds, md5sumSeconds, startNginx, startPlainNode } from './references.js';
import { type Bar, type Row } from './report.js';
import { confirm, downloadLocation, initiate, mkdir, newSession, q, type Session, targetUrl, uploadSmall } from './smh.js';
import { forDuration, percentile, pool, seconds } from './stats.js';

export interface TierResult {
  rows: Row[];
  bars: Bar[];
  unit: string;
  line?: { label: string; points: [number, number][] };
  notes: string;
}

const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const MIXED_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const LIST_MAX = Number(process.env.BENCH_LIST_MAX ?? 1_000_000);
const PARTS = Number(process.env.BENCH_PARTS ?? 10_000);

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

/** p95 of the first page (100, default order) of `path`, after warm-up; plus the cold first call. */
export async function firstPageP95(s: Session, path: string): Promise<{ p95: number; cold: number }> {
  const get = async () => {
    const start = performance.now();
    const response = await fetch(`${s.base}/api/v1/directory/${s.libraryId}/-/${path}${q(s, { limit: '100' })}`);
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`list ${path}: ${response.status}`);
    }
    return performance.now() - start;
  };
  const cold = await get();
  for (let i = 0; i < 3; i += 1) {
    await get();
  }
  const times: number[] = [];
  for (let i = 0; i < 40; i += 1) {
    times.push(await get());
  }
  return { p95: percentile(times, 95), cold };
}

export async function smallFiles(sessions: readonly Session[], prefix: string, count: number, inFlight: number, bytes: number) {
  const body = new Uint8Array(bytes).fill(7);
  let conflicts = 0;
  const [elapsed, latencies] = await seconds(() =>
    pool(count, inFlight, async (i) => {
      const s = sessions[i % sessions.length] as Session;
      const status = await uploadSmall(s, `${prefix}/f${i}.bin`, body);
      if (status === 409) {
        conflicts += 1;
      } else if (status !== 200) {
        throw new Error(`confirm answered ${status}`);
      }
    }),
  );
  return { perSecond: count / elapsed, p99: percentile(latencies, 99), p50: percentile(latencies, 50), conflicts };
}

export async function embeddedRows(work: string, source: string, mb: number): Promise<TierResult> {
  const data = join(work, 'data');
  const server = await startServerProcess({ OPENSMH_DATA_DIR: data, OPENSMH_MIN_PART_SIZE: '1' });
  const rows: Row[] = [];
  const bars: Bar[] = [];
  try {
    const rssIdle = await server.rssMb();
    const s = await newSession(server.url);
    await mkdir(s, 'up');

    // Simple upload of the big file, sampling the server's RSS meanwhile.
    let rssPeak = 0;
    const sampler = setInterval(() => void server.rssMb().then((mbNow) => (rssPeak = Math.max(rssPeak, mbNow))), 100);
    const [upload] = await seconds(async () => {
      const target = await initiate(s, 'up/big.bin');
      await curlPut(targetUrl(target), target.headers, source);
      const done = await confirm(s, target.confirmKey);
      if (done.status !== 200) {
        throw new Error(`confirm ${done.status}`);
      }
    });
    clearInterval(sampler);
    const md5 = await md5sumSeconds(source);
    const dd = await ddFsyncSeconds(source, join(work, 'dd.out'));
    rows.push({
      measure: 'simple upload (initiate, PUT, confirm)',
      ours: `${f0(mb / upload)} MB/s (${f1(md5 / upload)}× md5sum)`,
      reference: `md5sum ${f0(mb / md5)} MB/s; dd + fsync ${f0(mb / dd)} MB/s`,
      goal: '≥ 0.8× MD5-alone',
    });

    // Downloads: 302 + signed URL, bare Node, nginx static, nginx offload (X-Accel-Redirect).
    const ours = await curlGet(await downloadLocation(s, 'up/big.bin'));
    const plain = await startPlainNode(source);
    const node = await curlGet(plain.url).finally(() => plain.close());
    const staticNginx = await startNginx({ root: work });
    const nginx = await curlGet(`${staticNginx.url}/source.bin`).finally(() => staticNginx.close());
    const offloaded = await startServerProcess({ OPENSMH_DATA_DIR: data, OPENSMH_DOWNLOAD_OFFLOAD: 'x-accel-redirect:/_opensmh_blobs/' });
    const proxy = await startNginx({ upstream: offloaded.url, blobs: join(data, 'blobs', 'blobs') });
    let offload = NaN;
    try {
      const location = new URL(await downloadLocation({ ...s, base: offloaded.url }, 'up/big.bin'));
      offload = await curlGet(`${proxy.url}${location.pathname}${location.search}`);
    } finally {
      await proxy.close();
      await offloaded.close();
    }
    rows.push({
      measure: 'download via 302 + signed URL',
      ours: `${f0(mb / ours)} MB/s (${f1(nginx / ours)}× nginx); offload via nginx ${f0(mb / offload)} MB/s (${f1(nginx / offload)}×)`,
      reference: `nginx sendfile ${f0(mb / nginx)} MB/s; plain Node 1 MiB reads ${f0(mb / node)} MB/s`,
      goal: '≥ 0.75× nginx; 1.0× with offload',
    });
    bars.push(
      { label: 'download (Node)', value: mb / ours },
      { label: 'download (nginx offload)', value: mb / offload },
      { label: 'nginx sendfile (reference)', value: mb / nginx, reference: true },
      { label: 'plain Node 1 MiB reads (reference)', value: mb / node, reference: true },
      { label: 'upload (initiate, PUT, confirm)', value: mb / upload },
      { label: 'md5sum (reference)', value: mb / md5, reference: true },
      { label: 'dd + fsync (reference)', value: mb / dd, reference: true },
    );

    // Small files.
    await mkdir(s, 'small');
    const small = await smallFiles([s], 'small', SMALL, 16, 4096);
    rows.push({ measure: `small files 4 KiB, 3 requests each, 16 in flight (${SMALL})`, ours: `${f0(small.perSecond)} files/s, p99 ${f0(small.p99)} ms`, reference: 'supabase/storage 408 files/s (issue, not re-measured)', goal: '≥ 1,000 files/s' });
    await mkdir(s, 'many');
    const body16k = new Uint8Array(16 * 1024).fill(3);
    const many = await forDuration(100, MIXED_MS, (client, round) => uploadSmall(s, `many/c${client}-${round}.bin`, body16k));
    rows.push({ measure: '100 uploaders at once, 16 KB files', ours: `${f0(many.length / (MIXED_MS / 1000))} files/s, p99 ${f0(percentile(many, 99))} ms`, reference: '—', goal: '≥ 800 files/s, p99 < 1 s' });
    await mkdir(s, 'mixed');
    const dl = await downloadLocation(s, 'many/c0-0.bin');
    let downloads = 0;
    const [uploadsMixed] = await Promise.all([
      forDuration(100, MIXED_MS, (client, round) => uploadSmall(s, `mixed/c${client}-${round}.bin`, body16k)),
      forDuration(100, MIXED_MS, async () => {
        const response = await fetch(dl);
        await response.arrayBuffer();
        downloads += 1;
      }),
    ]);
    rows.push({
      measure: 'same, while 100 clients download',
      ours: `${f0(uploadsMixed.length / (MIXED_MS / 1000))} uploads/s, p50 ${f0(percentile(uploadsMixed, 50))} ms, p99 ${f0(percentile(uploadsMixed, 99))} ms (${downloads} downloads in ${MIXED_MS / 1000} s)`,
      reference: '—',
      goal: '≥ 400 uploads/s, p99 < 1 s',
    });
    bars.push({ label: 'small files/s (16 in flight)', value: small.perSecond }, { label: 'small files/s (100 uploaders)', value: many.length / (MIXED_MS / 1000) });

    // Listings: 100-entry folder, then one folder grown 1k → LIST_MAX.
    const populate = sqlitePopulator(join(data, 'meta.sqlite'));
    const points: [number, number][] = [];
    let reference100 = NaN;
    try {
      await mkdir(s, 'hundred');
      await populate.add(s.libraryId, 'hundred', 0, 100);
      reference100 = (await firstPageP95(s, 'hundred')).p95;
      points.push([100, reference100]);
      await mkdir(s, 'big');
      let have = 0;
      for (let size = 1000; size <= LIST_MAX; size *= 10) {
        await populate.add(s.libraryId, 'big', have, size);
        have = size;
        points.push([size, (await firstPageP95(s, 'big')).p95]);
      }
    } finally {
      await populate.close();
    }
    const [largest, p95] = points[points.length - 1] as [number, number];
    rows.push({
      measure: `first page (100) of a ${largest.toLocaleString('en')}-entry folder, p95`,
      ours: `${f1(p95)} ms (${f1(p95 / reference100)}× the 100-entry folder); ${points.map(([n, ms]) => `${n.toLocaleString('en')}: ${f1(ms)}`).join(', ')}`,
      reference: `100-entry folder ${f1(reference100)} ms; supabase/storage 5.4 ms (issue)`,
      goal: '≤ 1.5× the 100-entry folder, < 5 ms',
    });

    // RSS.
    rows.push({ measure: `server RSS idle / during a ${mb} MiB upload`, ours: `${f0(rssIdle)} / ${f0(rssPeak)} MB`, reference: '—', goal: '< 100 / < 200 MB' });

    // Multipart confirm with PARTS parts (1 KiB each; OPENSMH_MIN_PART_SIZE=1 on this server).
    const target = await initiate(s, 'up/parts.bin', true);
    const part = new Uint8Array(1024).fill(9);
    await pool(PARTS, 32, async (i) => {
      const response = await fetch(targetUrl(target, i + 1), { method: 'PUT', headers: target.headers, body: part as unknown as BodyInit });
      await response.arrayBuffer();
    });
    let worstPing = 0;
    let pinging = true;
    const pinger = (async () => {
      while (pinging) {
        const start = performance.now();
        await fetch(`${s.base}/`).then((r) => r.arrayBuffer());
        worstPing = Math.max(worstPing, performance.now() - start);
        await new Promise((done) => setTimeout(done, 10));
      }
    })();
    const [confirmSeconds, confirmed] = await seconds(() => confirm(s, target.confirmKey));
    pinging = false;
    await pinger;
    rows.push({
      measure: `confirm of a ${PARTS.toLocaleString('en')}-part multipart upload`,
      ours: `${f1(confirmSeconds)} s (status ${confirmed.status}); slowest concurrent request ${f0(worstPing)} ms`,
      reference: '—',
      goal: '< 1 s, event loop never blocked > 50 ms',
    });
    const notes = [
      `Listing p95 by folder size (ms): ${points.map(([n, ms]) => `${n.toLocaleString('en')} → ${f1(ms)}`).join('; ')}.`,
      'Downloads and uploads use curl as the client; the server is `node dist/server.js` in its own process.',
      'The multipart row measures code owned by the upload work stream (CRC combine); it is printed here so one command shows every row.',
    ].join('\n');
    return { rows, bars, unit: 'MB/s or files/s', line: { label: 'First page of 100, p95 (ms), default order', points }, notes };
  } finally {
    await server.close();
  }
}
