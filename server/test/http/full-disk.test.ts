import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, rmdir, statfs } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { binUrl, deleteEntry, recycle } from '../helpers/recycle-client.js';
import { freePort, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { adminToken, assertSmhError, call, confirmUpload, createLibrary, initiateUpload, type Library, makeDirectory, putToTarget } from '../helpers/smh-client.js';
import { ADMIN_KEY, type TestServer } from '../helpers/start-server.js';
import { USE_POSTGRES, USE_S3 } from '../helpers/test-stores.js';

const MB = 1024 * 1024;
const isRoot = process.getuid?.() === 0;
const skip = !isRoot
  ? 'needs root to mount a 64 MB tmpfs (CI runs as root)'
  : USE_S3 || USE_POSTGRES
    ? 'the full-disk test fills the local data disk; it runs on the embedded tier (SQLite + local blobs)'
    : false;

/** Fills what is left of the filesystem at `dir` with one file, as another process would. */
async function fillDisk(file: string): Promise<void> {
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(MB, 1);
  const full = new Promise<void>((resolve) => out.on('error', () => resolve()));
  for (let i = 0; i < 200 && !out.errored; i += 1) {
    if (!out.write(chunk)) {
      await Promise.race([once(out, 'drain'), full]);
    }
  }
  await full;
  out.destroy();
}

/**
 * Issue 10 item 1, for real: a 64 MB tmpfs filled by uploads and then by another process.
 * Writes get 507 StorageFull; deletes, purges and cancels keep working; the log names the real
 * cause (never "cannot rollback"); SIGTERM still ends the server promptly.
 */
describe('full disk (64 MB tmpfs)', { skip }, () => {
  let mountPoint = '';
  let server: ServerProcess | undefined;
  let output = '';
  let library: Library;
  let token: string;
  const asTest = () => server as unknown as TestServer;

  before(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'opensmh-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint]);
    server = await startServerProcess({
      OPENSMH_DATA_DIR: join(mountPoint, 'data'),
      OPENSMH_PORT: String(await freePort()),
      OPENSMH_DISK_RESERVE_MB: '8',
      OPENSMH_ADMIN_KEY: ADMIN_KEY,
      OPENSMH_LOG_LEVEL: 'info',
    });
    server.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    library = await createLibrary(asTest(), { UseRecycleBin: true });
    token = await adminToken(asTest(), library);
    await makeDirectory(asTest(), library, token, 'fill');
  });
  after(async () => {
    await server?.crash();
    if (mountPoint) {
      execFileSync('umount', ['-l', mountPoint]);
      await rmdir(mountPoint).catch(() => rm(mountPoint, { recursive: true, force: true }));
    }
  });

  const upload = async (name: string, size: number) => {
    const init = await initiateUpload(asTest(), library, token, `fill/${name}`);
    if (init.status !== 201) {
      return { status: init.status, body: init.body };
    }
    const put = await putToTarget(init.body, Buffer.alloc(size, 3));
    if (put.status !== 200) {
      return { status: put.status, body: JSON.parse(await put.text()) };
    }
    const confirmed = await confirmUpload(asTest(), library, token, init.body.confirmKey);
    return { status: confirmed.status, body: confirmed.body };
  };

  it('uploads that would fill the disk get 507 StorageFull, and nothing half-written stays', async () => {
    let refused: { status: number; body: any } | undefined;
    const stored: string[] = [];
    for (let i = 0; i < 20 && !refused; i += 1) {
      const result = await upload(`f${i}.bin`, 6 * MB);
      if (result.status === 200) {
        stored.push(`f${i}.bin`);
      } else {
        refused = result;
      }
    }
    assert.ok(refused, 'the disk never filled');
    assert.equal(refused.status, 507, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'StorageFull');
    assert.ok(stored.length >= 4, `only ${stored.length} uploads fitted`);
    const free = await statfs(mountPoint);
    assert.ok(free.bavail * free.bsize > 4 * MB, 'the refused bytes were not left on the disk');
  });

  it('on a disk filled to the last byte by someone else, deletes, purges and cancels still work', async () => {
    const pending = await initiateUpload(asTest(), library, token, 'fill/pending.bin');
    assert.equal(pending.status, 201, JSON.stringify(pending.body));
    await fillDisk(join(mountPoint, 'filler'));
    const stillRefused = await upload('more.bin', MB);
    assert.equal(stillRefused.status, 507, JSON.stringify(stillRefused.body));

    const item = await recycle(asTest(), library, token, 'file', 'fill/f0.bin');
    const purged = await call(asTest(), 'DELETE', binUrl(library, token, {}, { item }));
    assert.equal(purged.status, 204, JSON.stringify(purged.body));
    const permanent = await deleteEntry(asTest(), library, token, 'file', 'fill/f1.bin', { permanent: '1' });
    assert.ok([200, 204].includes(permanent.status), JSON.stringify(permanent.body));
    const cancelled = await call(asTest(), 'DELETE', `/api/v1/file/${library.libraryId}/-/${pending.body.confirmKey}?access_token=${token}&upload`);
    assert.equal(cancelled.status, 204, JSON.stringify(cancelled.body));

    // once the other process lets go of its file, uploads work again
    await rm(join(mountPoint, 'filler'));
    assert.equal((await upload('after.bin', MB)).status, 200);
    assertSmhError(await call(asTest(), 'GET', `/api/v1/file/${library.libraryId}/-/fill/f0.bin?access_token=${token}`), 404, 'FileNotFound');
  });

  it('logs the real cause, never "cannot rollback - no transaction is active"', () => {
    assert.doesNotMatch(output, /cannot rollback/);
    assert.match(output, /storage full/);
  });

  it('SIGTERM ends the server within a few seconds, with a connection stuck mid-upload', async () => {
    const { port } = new URL((server as ServerProcess).url);
    const stuck = connect(Number(port), '127.0.0.1');
    stuck.on('error', () => undefined);
    stuck.write('PUT /storage/v1/upload/x HTTP/1.1\r\nHost: x\r\nContent-Length: 9000000\r\n\r\nabc');
    const child = (server as ServerProcess).child;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code, signal] = await exited;
    clearTimeout(timer);
    stuck.destroy();
    assert.equal(signal, null, 'still running 15 s after SIGTERM');
    assert.equal(code, 0);
  });
});
