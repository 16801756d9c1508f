import { join } from 'node:path';
import { type TierResult, firstPageP95, smallFiles } from './embedded.js';
import { startServerProcess } from './node-server.js';
import { postgresPopulator } from './populate.js';
import { curlGet, curlPut, ddFsyncSeconds, md5sumSeconds, startNginx } from './references.js';
import type { Bar, Row } from './report.js';
import { confirm, downloadLocation, initiate, mkdir, newSession, type Session, targetUrl } from './smh.js';
import { seconds } from './stats.js';

const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const LIST_MAX = Number(process.env.BENCH_LIST_MAX ?? 1_000_000);
const DIRECT_MB = Number(process.env.BENCH_DIRECT_MB ?? 256);
const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

/**
 * The scale-out tier against the services CI starts (PostgreSQL, Ceph RGW, Redis; see .ci/run):
 * one schema and one key prefix for this run, shared by both nodes, dropped at the end.
 */
export async function scaleRows(work: string, source: string, mb: number): Promise<TierResult> {
  const databaseUrl = process.env.OPENSMH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${process.pid}`;
  const env = {
    OPENSMH_DATA_DIR: join(work, 'data'),
    OPENSMH_DATABASE_URL: databaseUrl,
    OPENSMH_DATABASE_SCHEMA: schema,
    OPENSMH_S3_ENDPOINT: process.env.OPENSMH_TEST_S3_ENDPOINT ?? 'http://127.0.0.1:47480',
    OPENSMH_S3_BUCKET: process.env.OPENSMH_TEST_S3_BUCKET ?? 'opensmh-test',
    OPENSMH_S3_ACCESS_KEY_ID: process.env.OPENSMH_TEST_S3_ACCESS_KEY_ID ?? 'TESTKEY',
    OPENSMH_S3_SECRET_ACCESS_KEY: process.env.OPENSMH_TEST_S3_SECRET_ACCESS_KEY ?? 'TESTSECRET',
    OPENSMH_S3_PREFIX: `bench-${process.pid}/`,
    OPENSMH_REDIS_URL: process.env.OPENSMH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  const first = await startServerProcess(env);
  const second = await startServerProcess(env);
  const populate = postgresPopulator(databaseUrl, schema);
  const rows: Row[] = [];
  const bars: Bar[] = [];
  try {
    const s = await newSession(first.url);
    const both: Session[] = [s, { ...s, base: second.url }];
    for (const dir of ['one', 'two', 'c64']) {
      await mkdir(s, dir);
    }
    const one = await smallFiles([s], 'one', SMALL, 16, 4096);
    rows.push({ measure: 'one node, 4 KiB files, 3 requests each, 16 in flight', ours: `${f0(one.perSecond)} files/s, p50 ${f0(one.p50)} ms, p99 ${f0(one.p99)} ms`, reference: '—', goal: '≥ 1,000 files/s, p99 < 200 ms' });
    const two = await smallFiles(both, 'two', SMALL, 16, 4096);
    rows.push({ measure: 'two nodes, requests spread over both', ours: `${f0(two.perSecond)} files/s (${f1(two.perSecond / one.perSecond)}× one node), p99 ${f0(two.p99)} ms`, reference: '—', goal: '≥ 1.7× one node' });
    // distinct names in 8 distinct folders, 64 in flight, over both nodes
    for (let d = 0; d < 8; d += 1) {
      await mkdir(s, `c64/d${d}`);
    }
    const conflicts = await smallFiles(both, 'c64/d0', SMALL, 64, 4096);
    rows.push({ measure: 'confirms refused 409 at 64 in flight (distinct names)', ours: `${conflicts.conflicts} of ${SMALL} (${f1((100 * conflicts.conflicts) / SMALL)} %)`, reference: '—', goal: '0' });
    bars.push({ label: 'small files/s, one node', value: one.perSecond }, { label: 'small files/s, two nodes', value: two.perSecond });

    // Direct-to-S3 upload of DIRECT_MB: the confirm is what the client waits for.
    const direct = join(work, 'direct.bin');
    const { execFileSync } = await import('node:child_process');
    execFileSync('sh', ['-c', `head -c ${DIRECT_MB * 1024 * 1024} '${source}' > '${direct}'`]);
    const target = await initiate(s, 'one/direct.bin');
    await curlPut(targetUrl(target), target.headers, direct);
    const [confirmSeconds, confirmed] = await seconds(() => confirm(s, target.confirmKey));
    rows.push({ measure: `confirm of a ${DIRECT_MB} MiB direct-to-S3 upload`, ours: `${f1(confirmSeconds)} s (status ${confirmed.status})`, reference: '—', goal: '< 1 s at any size' });

    // Download through the presigned S3 URL vs nginx, and the disk references.
    const big = await initiate(s, 'one/big.bin');
    await curlPut(targetUrl(big), big.headers, source);
    await confirm(s, big.confirmKey);
    const ours = await curlGet(await downloadLocation(s, 'one/big.bin'));
    const staticNginx = await startNginx({ root: work });
    const nginx = await curlGet(`${staticNginx.url}/source.bin`).finally(() => staticNginx.close());
    const md5 = await md5sumSeconds(source);
    const dd = await ddFsyncSeconds(source, join(work, 'dd.out'));
    rows.push({ measure: 'download via 302 to a presigned S3 (RGW) URL', ours: `${f0(mb / ours)} MB/s`, reference: `nginx sendfile ${f0(mb / nginx)} MB/s; md5sum ${f0(mb / md5)} MB/s; dd + fsync ${f0(mb / dd)} MB/s`, goal: '—' });
    bars.push({ label: 'download via presigned S3', value: mb / ours }, { label: 'nginx sendfile (reference)', value: mb / nginx, reference: true }, { label: 'md5sum (reference)', value: mb / md5, reference: true }, { label: 'dd + fsync (reference)', value: mb / dd, reference: true });

    // Listings on PostgreSQL.
    const points: [number, number][] = [];
    await mkdir(s, 'hundred');
    await populate.add(s.libraryId, 'hundred', 0, 100);
    const reference100 = (await firstPageP95(s, 'hundred')).p95;
    points.push([100, reference100]);
    await mkdir(s, 'big');
    let have = 0;
    for (let size = 1000; size <= LIST_MAX; size *= 10) {
      await populate.add(s.libraryId, 'big', have, size);
      have = size;
      points.push([size, (await firstPageP95(s, 'big')).p95]);
    }
    const [largest, p95] = points[points.length - 1] as [number, number];
    rows.push({
      measure: `first page (100) of a ${largest.toLocaleString('en')}-entry folder, p95`,
      ours: `${f1(p95)} ms (${f1(p95 / reference100)}× the 100-entry folder)`,
      reference: `100-entry folder ${f1(reference100)} ms`,
      goal: '≤ 1.5× the 100-entry folder',
    });
    rows.push({ measure: 'node RSS (idle after the run)', ours: `${f0(await first.rssMb())} / ${f0(await second.rssMb())} MB`, reference: '—', goal: '—' });
    const notes = `Listing p95 by folder size (ms): ${points.map(([n, ms]) => `${n.toLocaleString('en')} → ${f1(ms)}`).join('; ')}.\nRuns against the PostgreSQL, RGW and Redis already running (CI starts them in .ci/run); the run's schema is dropped at the end, its S3 prefix is left for the orphan sweep.`;
    return { rows, bars, unit: 'MB/s or files/s', line: { label: 'First page of 100, p95 (ms), PostgreSQL', points }, notes };
  } finally {
    await first.close();
    await second.close();
    await populate.close();
  }
}
