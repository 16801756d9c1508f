#!/usr/bin/env node
// Runs every *.test.ts under server/, cli/ and client/ with node's own test runner (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const filter = process.argv[2];
const files = ['server', 'cli', 'client'].flatMap((root) => findTests(root)).filter((f) => !filter || f.includes(filter)).sort();
// --test-force-exit: a test file whose tests all finished must not hang the run. On the S3 tier a
// form upload cut short after 2 MiB leaves something holding the event loop (found at merge, see
// the stop note); the run ends, and the leak stays a tracked bug rather than a 90-minute CI hang.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-force-exit', '--test-concurrency=4', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
