/**
 * Every row of issue 9's tables in one run, with the references measured beside them on the same
 * bytes (Debian's nginx with sendfile, a bare Node server with 1 MiB reads, md5sum, dd + fsync).
 * The server runs as `npm start` does (compiled dist/, its own process); clients are curl and fetch.
 *
 *   npm run bench          embedded tier (SQLite + local disk)          → docs/benchmarks/embedded.{md,svg}
 *   npm run bench:scale    PostgreSQL + S3 (RGW) + Redis, 1 and 2 nodes → docs/benchmarks/scale.{md,svg}
 *
 * Sizes: BENCH_MB (default 1024), BENCH_SMALL (1000 files), BENCH_SECONDS (10 s per mixed load),
 * BENCH_LIST_MAX (1,000,000 entries), BENCH_PARTS (10,000). Results are noisy on a shared machine.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedRows } from './lib/embedded.js';
import { machine, markdown, svg } from './lib/report.js';
import { scaleRows } from './lib/scale.js';

const scale = process.argv.includes('--scale');

async function makeFile(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i += 1) {
    chunk.fill(i % 251);
    chunk.writeUInt32LE(i, 0);
    if (!out.write(chunk)) {
      await new Promise<void>((done) => out.once('drain', () => done()));
    }
  }
  await new Promise((done) => out.end(done));
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'opensmh-bench-'));
  const mb = Number(process.env.BENCH_MB ?? 1024);
  const source = join(work, 'source.bin');
  await makeFile(source, mb);
  try {
    const result = scale ? await scaleRows(work, source, mb) : await embeddedRows(work, source, mb);
    const machineText = machine(work);
    const title = scale ? 'OpenSMH benchmark — scale-out tier (PostgreSQL + S3/RGW + Redis)' : 'OpenSMH benchmark — embedded tier (SQLite + local disk)';
    process.stdout.write(`\n${machineText}\n\n`);
    for (const row of result.rows) {
      process.stdout.write(`${row.measure.padEnd(58)} ${row.ours.padEnd(34)} ref: ${row.reference}\n`);
    }
    const out = join(import.meta.dirname, '..', 'docs', 'benchmarks');
    await mkdir(out, { recursive: true });
    const name = scale ? 'scale' : 'embedded';
    await writeFile(join(out, `${name}.md`), markdown(title, machineText, result.rows, `${result.notes}\n\n![chart](${name}.svg)\n`));
    await writeFile(join(out, `${name}.svg`), svg(title, result.bars, result.unit, result.line));
    process.stdout.write(`\nwritten: docs/benchmarks/${name}.md, docs/benchmarks/${name}.svg\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
