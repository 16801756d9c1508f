import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../helpers/server-process.js';
import { TEST_DATABASE_URL, TEST_S3, USE_POSTGRES, USE_S3 } from '../helpers/test-stores.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Runs `npm start`'s command until it exits (or, when it starts, until it logs its stores). */
async function start(env: Record<string, string>, dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, OPENSMH_HOST: '127.0.0.1', OPENSMH_PORT: String(await freePort()), OPENSMH_DATA_DIR: dataDir, OPENSMH_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('stores in use')) {
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

function assertOneClearLine(output: string, ...patterns: RegExp[]): void {
  const failure = output.split('\n').find((line) => line.startsWith('OpenSMH failed to start:')) ?? '';
  for (const pattern of patterns) {
    assert.match(failure, pattern, output);
  }
  assert.doesNotMatch(output, /^\s+at /m, `no stack trace expected:\n${output}`);
  assert.doesNotMatch(output, /Unhandled error event/);
}

/** Issue 10 item 9: a misconfigured store stops the start with one line naming store, address and fix. */
describe('store checks at start', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opensmh-start-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('logs the stores in use when it starts', async () => {
    const { output } = await start({}, await dataDir());
    assert.match(output, /stores in use: metadata: SQLite .*meta\.sqlite; blobs: local disk .*; coordination: in-process/);
  });

  it('Redis down: one line naming Redis, its address and the fix; no ioredis spam', async () => {
    const { code, output } = await start({ OPENSMH_REDIS_URL: 'redis://127.0.0.1:1' }, await dataDir());
    assert.equal(code, 1);
    assertOneClearLine(output, /Redis at redis:\/\/127\.0\.0\.1:1/, /cannot connect/, /OPENSMH_REDIS_URL/);
  });

  it('PostgreSQL unreachable: one line naming the address, without the password', async () => {
    const { code, output } = await start({ OPENSMH_DATABASE_URL: 'postgres://opensmh:s3cret@127.0.0.1:1/opensmh' }, await dataDir());
    assert.equal(code, 1);
    assertOneClearLine(output, /PostgreSQL at postgres:\/\/opensmh@127\.0\.0\.1:1\/opensmh/, /cannot connect/);
    assert.doesNotMatch(output, /s3cret/);
  });

  it('PostgreSQL database missing: says so and how to create it', { skip: !USE_POSTGRES && 'needs PostgreSQL (scale tier)' }, async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/opensmh_no_such_database';
    const { code, output } = await start({ OPENSMH_DATABASE_URL: url.toString() }, await dataDir());
    assert.equal(code, 1);
    assertOneClearLine(output, /database "opensmh_no_such_database" does not exist/, /createdb opensmh_no_such_database/);
  });

  it('wrong S3 secret: names S3, the bucket and the credential variables', { skip: !USE_S3 && 'needs the S3 server (scale tier)' }, async () => {
    const { code, output } = await start(
      {
        OPENSMH_S3_ENDPOINT: TEST_S3.endpoint,
        OPENSMH_S3_BUCKET: TEST_S3.bucket,
        OPENSMH_S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
        OPENSMH_S3_SECRET_ACCESS_KEY: 'wrong-secret',
      },
      await dataDir(),
    );
    assert.equal(code, 1);
    assertOneClearLine(output, /S3 bucket "opensmh-test" at http:\/\/127\.0\.0\.1:47480/, /access denied/, /OPENSMH_S3_SECRET_ACCESS_KEY/);
    assert.doesNotMatch(output, /wrong-secret/);
  });
});
