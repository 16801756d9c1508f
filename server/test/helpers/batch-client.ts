import assert from 'node:assert/strict';
import type { JobContext } from '../../src/jobs/job.js';
import { BatchService } from '../../src/services/batch.service.js';
import { DirectoryService } from '../../src/services/directory.service.js';
import { FileService } from '../../src/services/file.service.js';
import { call, type JsonResponse, type Library, q } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Helpers for batch (dirs.md §9) and task (§7) tests. */
export type BatchAction = 'delete' | 'copy' | 'move';

export function batchCall(
  server: TestServer,
  library: Library,
  token: string,
  action: BatchAction,
  body: unknown,
  space = '-',
): Promise<JsonResponse> {
  return call(server, 'POST', `/api/v1/batch/${library.libraryId}/${space}${q(token, { [action]: '' })}`, { body });
}

/** T1 (space) or, with space null, T2 (library). */
export function queryTasks(server: TestServer, library: Library, token: string, ids: string, space: string | null = '-'): Promise<JsonResponse> {
  const scope = space === null ? '' : `/${space}`;
  return call(server, 'GET', `/api/v1/task/${library.libraryId}${scope}/${ids}${q(token)}`);
}

/** T3 (space) or, with space null, T4 (library). */
export function taskResult(server: TestServer, library: Library, token: string, id: number, space: string | null = '-'): Promise<JsonResponse> {
  const scope = space === null ? '' : `/${space}`;
  return call(server, 'GET', `/api/v1/task-result/${library.libraryId}${scope}/${id}${q(token)}`);
}

/**
 * Polls T1 until the task is no longer 202, as SDKs do, waking the worker each round instead of
 * waiting for its poll interval. Returns the task's element.
 */
export async function waitForTask(
  server: TestServer,
  library: Library,
  token: string,
  taskId: number,
  space = '-',
): Promise<{ taskId: number; status: number; result?: any }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    server.app.worker.wake();
    const response = await queryTasks(server, library, token, String(taskId), space);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const [task] = response.body;
    if (task.status !== 202) {
      return task;
    }
    assert.ok(Date.now() < deadline, `task ${taskId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until a job's queue row satisfies `until` (e.g. requeued after a crash); fails if it finishes first. */
export async function waitForJob(server: TestServer, id: number, until: (job: { status: string; attempts: number; finishedAt: number | null }) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    server.app.worker.wake();
    const job = await server.stores.meta.jobs.get(id);
    if (job && until(job)) {
      return;
    }
    assert.ok(job && job.finishedAt === null, `job ${id} finished in an unexpected state: ${JSON.stringify(job)}`);
    assert.ok(Date.now() < deadline, `job ${id} never reached the expected state: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The batch service over a job's own stores, for test job handlers that stand in for the built-in ones. */
export function batchServiceFor(ctx: JobContext): BatchService {
  const deps = { meta: ctx.meta, blob: ctx.blob, clock: ctx.clock };
  return new BatchService({
    meta: ctx.meta,
    clock: ctx.clock,
    files: new FileService(deps),
    directories: new DirectoryService(deps),
    limits: { batchSyncItems: 50, copySyncEntries: 1000 },
  });
}
