#!/usr/bin/env node
// The fault-injection suite (docs/reliability.md): kill -9 at named points, a full disk, store
// errors. One command: `npm run test:faults`; CI runs it after the main suites.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = [
  ...readdirSync('server/test/faults').filter((name) => name.endsWith('.fault.ts')).map((name) => `server/test/faults/${name}`),
  'server/test/http/full-disk.test.ts',
  'server/test/http/process-policy.test.ts',
  'server/src/jobs/worker.test.ts',
  'server/src/stores/meta/sqlite/safe-rollback-dialect.test.ts',
].sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-force-exit', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
