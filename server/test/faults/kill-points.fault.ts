import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { adminToken, call, confirmUpload, createLibrary, download, fileUrl, initiateUpload, type Library, makeDirectory, putToTarget } from '../helpers/smh-client.js';
import { ADMIN_KEY, type TestServer } from '../helpers/start-server.js';
import { testStoreEnv, USE_S3 } from '../helpers/test-stores.js';

/**
 * kill -9 at named fault points (server/src/lib/fault-points.ts), then a restart on the same
 * stores: nothing confirmed is lost, nothing partial is visible, and the interrupted operation
 * can be repeated (uploads, confirms, joins) or finishes by itself (jobs).
 */
describe('kill -9 at named fault points', () => {
  let server: ServerProcess;
  let env: Record<string, string>;
  let faults = '';
  let dataDir = '';
  let library: Library;
  let token: string;
  const http = () => server as unknown as TestServer;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'opensmh-faults-'));
    faults = join(dataDir, 'fault-points');
    await writeFile(faults, '');
    env = {
      ...testStoreEnv(),
      OPENSMH_DATA_DIR: join(dataDir, 'data'),
      OPENSMH_PORT: String(await freePort()),
      OPENSMH_ADMIN_KEY: ADMIN_KEY,
      OPENSMH_FAULT_POINTS_FILE: faults,
      OPENSMH_JOB_LEASE_SECONDS: '1',
      OPENSMH_BATCH_SYNC_ITEMS: '1',
      OPENSMH_MIN_PART_SIZE: '1024',
    };
    server = await startServerProcess(env);
    library = await createLibrary(http());
    token = await adminToken(http(), library);
    await makeDirectory(http(), library, token, 'a');
  });
  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Arms `point`, runs `action`, expects the process to die by SIGKILL there, restarts it. */
  async function crashAt(point: string, action: () => Promise<unknown>): Promise<void> {
    await writeFile(faults, `${point}=kill\n`);
    const exited = server.child.exitCode === null && server.child.signalCode === null ? once(server.child, 'exit') : Promise.resolve([null, server.child.signalCode]);
    await action().catch(() => undefined);
    const [, signal] = (await exited) as [number | null, string | null];
    assert.equal(signal, 'SIGKILL', `the server did not die at ${point}`);
    await writeFile(faults, '');
    server = await startServerProcess(env);
  }

  const missing = async (path: string) => (await call(http(), 'GET', fileUrl(library, token, path, { info: '' }))).status === 404;

  it('during the upload of bytes (before fsync): nothing visible; the same target works after restart', { skip: USE_S3 && 'local blob store point' }, async () => {
    const content = Buffer.alloc(50_000, 1);
    const init = await initiateUpload(http(), library, token, 'a/one.bin');
    await crashAt('blob.local.before-fsync', () => putToTarget(init.body, content));
    assert.ok(await missing('a/one.bin'));
    assert.equal((await putToTarget(init.body, content)).status, 200);
    assert.equal((await confirmUpload(http(), library, token, init.body.confirmKey)).status, 200);
    assert.deepEqual(await download(http(), library, token, 'a/one.bin'), content);
  });

  it('during confirm (before the metadata commit): not visible; confirming again works', async () => {
    const content = Buffer.from('confirmed after a crash');
    const init = await initiateUpload(http(), library, token, 'a/two.txt');
    assert.equal((await putToTarget(init.body, content)).status, 200);
    await crashAt('meta.transaction.before-commit', () => confirmUpload(http(), library, token, init.body.confirmKey));
    assert.ok(await missing('a/two.txt'));
    const again = await confirmUpload(http(), library, token, init.body.confirmKey);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(await download(http(), library, token, 'a/two.txt'), content);
  });

  it('during a multipart join (before the joined blob is renamed into place): confirming again works', { skip: USE_S3 && 'local blob store point' }, async () => {
    const parts = [Buffer.alloc(2048, 7), Buffer.alloc(100, 9)];
    const init = await initiateUpload(http(), library, token, 'a/three.bin', { kind: 'multipart' });
    for (const [index, part] of parts.entries()) {
      assert.equal((await putToTarget(init.body, part, index + 1)).status, 200);
    }
    await crashAt('blob.local.join.before-rename', () => confirmUpload(http(), library, token, init.body.confirmKey));
    assert.ok(await missing('a/three.bin'));
    const again = await confirmUpload(http(), library, token, init.body.confirmKey);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(await download(http(), library, token, 'a/three.bin'), Buffer.concat(parts));
  });

  for (const [job, point] of [
    ['batch-delete', 'before-complete'],
    ['batch-copy', 'start'],
  ] as const) {
    it(`in the ${job} job (${point}): the task finishes after the restart, applied once`, async () => {
      const dir = `j-${job}`;
      await makeDirectory(http(), library, token, dir);
      for (const name of ['x.txt', 'y.txt']) {
        const init = await initiateUpload(http(), library, token, `${dir}/${name}`);
        assert.equal((await putToTarget(init.body, name)).status, 200);
        assert.equal((await confirmUpload(http(), library, token, init.body.confirmKey)).status, 200);
      }
      const items = job === 'batch-delete' ? [{ path: `${dir}/x.txt` }, { path: `${dir}/y.txt` }] : [{ copyFrom: `${dir}/x.txt`, to: `${dir}/x2.txt` }, { copyFrom: `${dir}/y.txt`, to: `${dir}/y2.txt` }];
      let taskId = '';
      await crashAt(`job.${job}.${point}`, async () => {
        const started = await call(http(), 'POST', `/api/v1/batch/${library.libraryId}/-?${job === 'batch-delete' ? 'delete' : 'copy'}&access_token=${token}`, { body: items });
        assert.equal(started.status, 202, JSON.stringify(started.body));
        taskId = String(started.body.taskId);
      });
      let task: any;
      for (let attempt = 0; attempt < 300; attempt += 1) {
        [task] = (await call(http(), 'GET', `/api/v1/task/${library.libraryId}/-/${taskId}?access_token=${token}`)).body;
        if (task.status !== 202) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(task.status, 200, JSON.stringify(task));
      const listing = await call(http(), 'GET', `/api/v1/directory/${library.libraryId}/-/${dir}?access_token=${token}`);
      const names = listing.body.contents.map((entry: { name: string }) => entry.name).sort();
      assert.deepEqual(names, job === 'batch-delete' ? [] : ['x.txt', 'x2.txt', 'y.txt', 'y2.txt'], 'applied exactly once, no "(1)" copies');
    });
  }
});
