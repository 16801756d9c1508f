import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { testStoreEnv } from '../helpers/test-stores.js';

const ADMIN = 'crash-test-admin-key-0123456789';

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * A server killed with SIGKILL right after accepting a long batch copy: the task survives in the
 * queue table and, after a restart, finishes — every item copied exactly once and completely.
 */
describe('process killed with a long task in flight', () => {
  let server: ServerProcess | undefined;
  let dataDir = '';
  after(async () => {
    await server?.stop();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('resumes and completes the task after a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'opensmh-crash-'));
    const env = {
      ...testStoreEnv(),
      OPENSMH_DATA_DIR: dataDir,
      OPENSMH_PORT: String(await freePort()),
      OPENSMH_ADMIN_KEY: ADMIN,
      OPENSMH_JOB_LEASE_SECONDS: '2',
      OPENSMH_BATCH_SYNC_ITEMS: '1',
    };
    server = await startServerProcess(env);
    const created = await json(`${server.url}/admin/v1/library`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'crash', LibraryExtension: { IsFileLibrary: true } }),
    });
    const L = created.body.LibraryId;
    const token = (await json(`${server.url}/api/v1/token?library_id=${L}&library_secret=${created.body.LibrarySecret}&grant=admin`)).body.accessToken;
    const api = (path: string, extra = '') => `${server?.url}/api/v1/${path}?access_token=${token}${extra}`;
    const count = 60;
    const seedSize = 40;
    for (const dir of ['from', 'to']) {
      assert.equal((await fetch(api(`directory/${L}/-/${dir}`), { method: 'PUT' })).status, 201);
    }
    for (let i = 0; i < seedSize; i += 1) {
      assert.equal((await fetch(api(`directory/${L}/-/seed/s${i}`), { method: 'PUT' })).status, 201);
    }
    for (let i = 0; i < count; i += 1) {
      const copied = await fetch(api(`directory/${L}/-/from/d${i}`), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ copyFrom: 'seed' }),
      });
      assert.equal(copied.status, 204);
    }
    const items = Array.from({ length: count }, (_, i) => ({ copyFrom: `from/d${i}`, to: `to/d${i}` }));
    const started = await json(api(`batch/${L}/-`, '&copy'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(items),
    });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    // Killed while the task is queued or starting; in-process tests (batch-recovery) cover a
    // crash between two items deterministically.
    await server.crash();

    server = await startServerProcess(env);
    let task: any;
    for (let attempt = 0; attempt < 600; attempt += 1) {
      [task] = (await json(api(`task/${L}/-/${started.body.taskId}`))).body;
      if (task.status !== 202) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(task.status, 200, JSON.stringify(task));
    const to = await json(api(`directory/${L}/-/to`, '&limit=1000'));
    assert.deepEqual(
      to.body.contents.map((entry: { name: string }) => entry.name).sort(),
      items.map((item) => item.to.slice(3)).sort(),
      'every item copied once, no "(1)" duplicates',
    );
    for (const item of items) {
      const copy = await json(api(`directory/${L}/-/${item.to}`, '&limit=1000'));
      assert.equal(copy.body.contents.length, seedSize, `${item.to} is incomplete`);
    }
  });
});
