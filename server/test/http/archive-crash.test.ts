import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobHandler } from '../../src/jobs/job.js';
import { runUncompress, UNCOMPRESS_JOB, type UncompressPayload } from '../../src/services/archive/uncompress-run.js';
import type { MetaStore } from '../../src/stores/meta/meta-store.js';
import { buildZip } from '../helpers/archives.js';
import { treeOf, uncompress } from '../helpers/archive-client.js';
import { waitForJob, waitForTask } from '../helpers/batch-client.js';
import { spaceSize } from '../helpers/entry-client.js';
import { adminToken, createLibrary, download, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const LIMITS = { archiveMaxEntries: 10_000, archiveMaxBytes: 1 << 30, archiveMaxRatio: 200 };

/**
 * A metadata store whose `transaction` misbehaves on its nth call: throws (a worker dying right
 * there), or lets it commit and then aborts the job's signal (shutdown, or the lease lost).
 */
function failingAt(meta: MetaStore, nth: number, how: 'crash' | 'abort', abort: AbortController): MetaStore {
  let calls = 0;
  return new Proxy(meta, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return async (fn: Parameters<MetaStore['transaction']>[0]) => {
          calls += 1;
          if (calls === nth && how === 'crash') {
            throw new Error('simulated crash');
          }
          const result = await target.transaction(fn);
          if (calls === nth) {
            abort.abort();
          }
          return result;
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/**
 * Uncompress survives a worker dying mid-task: the first attempt dies before its fourth entry
 * commits; the rerun resumes from the job row's record and applies nothing twice.
 */
describe('uncompress after a crash', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  let plan: 'crash' | 'abort' = 'crash';
  const stand: JobHandler = {
    name: UNCOMPRESS_JOB,
    async handle(ctx, payload) {
      const abort = new AbortController();
      const meta = ctx.job.attempts === 1 ? failingAt(ctx.meta, plan === 'crash' ? 4 : 2, plan, abort) : ctx.meta;
      const signal = AbortSignal.any([ctx.signal, abort.signal]);
      return runUncompress({ meta, blob: ctx.blob, clock: ctx.clock, limits: LIMITS }, ctx.job, payload as UncompressPayload, signal);
    },
  };
  before(async () => {
    server = await startServer({}, { jobs: [stand] });
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });

  it('resumes from the recorded entry and shows nothing until the end', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ name: `d/f${i}.txt`, data: `content ${i}`, deflate: i % 2 === 0 }));
    assert.equal((await uploadFile(server, library, token, 'a.zip', buildZip(files))).status, 200);
    const size = await spaceSize(server, library, token);
    const started = await uncompress(server, library, token, 'a.zip', { targetPath: 'out' });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const taskId = started.body.taskId as number;
    await waitForJob(server, taskId, (job) => job.status === 'queued' && job.attempts === 1);
    const record = (await server.stores.meta.jobs.get(taskId))?.result as { staged: number };
    assert.equal(record.staged, 3, 'three entries were staged and recorded before the crash');
    assert.deepEqual(await treeOf(server, library, token), [`a.zip:${size}`], 'a half-done extraction is invisible');
    server.clock.advance(60_000); // past the retry backoff
    const task = await waitForTask(server, library, token, taskId);
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.equal(task.result.fileCount, 6);
    assert.deepEqual(await treeOf(server, library, token, 'out'), ['out/d/', ...files.map((f, i) => `${f.name.replace('d/', 'out/d/')}:${`content ${i}`.length}`)]);
    for (const [i, file] of files.entries()) {
      assert.equal((await download(server, library, token, `out/${file.name}`)).toString(), `content ${i}`);
    }
    const extracted = files.reduce((sum, _, i) => sum + `content ${i}`.length, 0);
    assert.equal(await spaceSize(server, library, token), size + extracted, 'each byte counted once');
  });

  it('treats a shutdown mid-task as an interruption, not a damaged archive', async () => {
    plan = 'abort';
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `g${i}.txt`, data: `g${i}` }));
    assert.equal((await uploadFile(server, library, token, 'b.zip', buildZip(files))).status, 200);
    const started = await uncompress(server, library, token, 'b.zip', { targetPath: 'out2' });
    const taskId = started.body.taskId as number;
    await waitForJob(server, taskId, (job) => job.status === 'queued' && job.attempts === 1);
    assert.equal(((await server.stores.meta.jobs.get(taskId))?.result as { staged: number }).staged, 2);
    server.clock.advance(60_000);
    const task = await waitForTask(server, library, token, taskId);
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(await treeOf(server, library, token, 'out2'), files.map((f) => `out2/${f.name}:2`));
  });
});
