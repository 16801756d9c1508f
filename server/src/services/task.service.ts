import { SmhError } from '../errors/smh-error.js';
import type { Job, MetaStore } from '../stores/meta/meta-store.js';
import { requireSpace } from './access.js';
import { type Actor, isAdmin } from './actor.js';
import type { BatchRequest, ItemOutcome } from './batch-items.js';
import { type FileTaskJobName, type FileTaskResult, isFileTaskJob } from './file-task-jobs.js';
import { isTaskJob, type TaskJobName, type TaskPayload, type TaskResult } from './task-jobs.js';

export const RUNNING = 202;
const FAILED = 500;

/** A task as the task API shows it (dirs.md §7). */
export interface Task {
  readonly id: number;
  readonly jobName: TaskJobName | FileTaskJobName;
  /** 202 while queued or running; then the result's 200/207/400; 500 when the job failed for good */
  readonly status: number;
  /** batch tasks' request; null for file tasks */
  readonly request: BatchRequest | null;
  /** per-item outcomes once finished, in request order */
  readonly outcomes: readonly ItemOutcome[] | null;
  /** file tasks (file-task-jobs.ts): the typed result once finished */
  readonly fileResult?: Record<string, unknown>;
}

function toFileTask(job: Job & { name: FileTaskJobName }): Task {
  const base = { id: job.id, jobName: job.name, request: null, outcomes: null };
  if (job.status === 'succeeded') {
    const result = job.result as FileTaskResult;
    return { ...base, status: result.status, fileResult: result.result };
  }
  return { ...base, status: job.status === 'failed' ? FAILED : RUNNING };
}

function toTask(job: Job & { name: TaskJobName }): Task {
  const request = (job.payload as TaskPayload).request;
  if (job.status === 'succeeded') {
    const result = job.result as TaskResult;
    return { id: job.id, jobName: job.name, status: result.status, request, outcomes: result.outcomes };
  }
  return { id: job.id, jobName: job.name, status: job.status === 'failed' ? FAILED : RUNNING, request, outcomes: null };
}

/**
 * Task queries (T1–T4). A task belongs to the library and space it was submitted in; other
 * libraries and spaces cannot see it (TaskNotFound, as for an id that never existed or whose
 * 30 days are over). Within them, only admin and space_admin credentials see other users' tasks.
 */
export class TaskService {
  constructor(private readonly deps: { meta: MetaStore }) {}

  /** `spaceId` null = the library-level endpoints, which show tasks of spaces the credential covers. */
  async get(actor: Actor, spaceId: string | null, ids: readonly number[]): Promise<Task[]> {
    if (actor.kind === 'public') {
      throw new SmhError('EmptyAccessToken', 'Task queries need an access token.');
    }
    if (spaceId !== null) {
      await requireSpace(this.deps.meta, actor, spaceId, 'read');
    }
    const tasks: Task[] = [];
    for (const id of ids) {
      tasks.push(await this.one(actor, spaceId, id));
    }
    return tasks;
  }

  private async one(actor: Actor, spaceId: string | null, id: number): Promise<Task> {
    const job = await this.deps.meta.jobs.get(id);
    if (!job || !(isTaskJob(job.name) || isFileTaskJob(job.name)) || job.libraryId !== actor.library.id || !(await this.inScope(actor, spaceId, job.spaceId))) {
      throw new SmhError('TaskNotFound', `Task ${id} does not exist or has expired.`);
    }
    if (!isAdmin(actor) && !actor.grants.has('space_admin') && job.userId !== actor.userId) {
      throw new SmhError('NoPermissionToOtherUserTask');
    }
    return isFileTaskJob(job.name) ? toFileTask(job as Job & { name: FileTaskJobName }) : toTask(job as Job & { name: TaskJobName });
  }

  private async inScope(actor: Actor, spaceId: string | null, taskSpaceId: string): Promise<boolean> {
    if (spaceId !== null) {
      return taskSpaceId === spaceId;
    }
    // The same check a request in that space would pass.
    return requireSpace(this.deps.meta, actor, taskSpaceId, 'read').then(
      () => true,
      () => false,
    );
  }
}
