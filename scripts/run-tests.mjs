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
// --test-force-exit: a test file whose tests all finished must not hang the run (a referenced
// worker port once did: hash-pool.ts); a leaked handle then shows as nothing worse than a slow exit.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-force-exit', '--test-concurrency=4', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
