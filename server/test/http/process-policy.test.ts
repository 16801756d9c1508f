import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, startServerProcess } from '../helpers/server-process.js';
import { testStoreEnv } from '../helpers/test-stores.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Resolves with the exit code, or fails the test if the process is still running after `ms`. */
async function exitWithin(child: import('node:child_process').ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null) {
    return child.exitCode;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  assert.notEqual(signal, 'SIGKILL', `the server was still running ${ms} ms after the stop request`);
  return code;
}

/** Issue 10 items 1 and 4: shutdown is prompt in every state; unexpected errors follow one policy. */
describe('process policy', () => {
  const dirs: string[] = [];
  after(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('SIGTERM ends the server promptly even with stuck connections', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'opensmh-policy-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = await startServerProcess({ ...testStoreEnv(), OPENSMH_DATA_DIR: dataDir, OPENSMH_PORT: String(port) });
    // one connection stuck in its headers, one in a body that never arrives (timeouts are 20/60 s)
    const halfHeaders = connect(port, '127.0.0.1');
    halfHeaders.on('error', () => undefined);
    halfHeaders.write('GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const halfBody = connect(port, '127.0.0.1');
    halfBody.on('error', () => undefined);
    halfBody.write('PUT /storage/v1/upload/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc');
    await new Promise((done) => setTimeout(done, 300));
    server.child.kill('SIGTERM');
    assert.equal(await exitWithin(server.child, 15_000), 0);
    halfHeaders.destroy();
    halfBody.destroy();
  });

  it('an unhandled rejection is logged as fatal and ends the process with exit code 1', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'opensmh-policy-'));
    dirs.push(dataDir);
    const faults = join(dataDir, 'faults');
    await writeFile(faults, 'server.listening=reject\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...testStoreEnv(), OPENSMH_HOST: '127.0.0.1', OPENSMH_PORT: String(await freePort()), OPENSMH_DATA_DIR: dataDir, OPENSMH_FAULT_POINTS_FILE: faults },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    assert.equal(await exitWithin(child, 30_000), 1, output);
    assert.match(output, /unhandled promise rejection/);
    assert.match(output, /unhandled rejection injected at server\.listening/);
  });
});
