import { SmhError } from '../errors/smh-error.js';
import type { MetaRepos } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import type { BatchRequest, ItemOutcome } from './batch-items.js';

/**
 * SMH's asynchronous tasks are rows of the job queue (STYLE.md §8): these job kinds, and only
 * these, are visible through the task API. `copy-directory` is D7/D8 (a one-item copy whose task
 * result is `{path}` rather than an array).
 */
export const TASK_JOBS = {
  'batch-delete': 'batchDelete',
  'batch-copy': 'batchCopy',
  'batch-move': 'batchMove',
  'copy-directory': 'copyDirectory',
} as const;

export type TaskJobName = keyof typeof TASK_JOBS;
export const TASK_JOB_NAMES = Object.keys(TASK_JOBS) as TaskJobName[];

export function isTaskJob(name: string): name is TaskJobName {
  return Object.hasOwn(TASK_JOBS, name);
}

export function batchJobName(request: BatchRequest): TaskJobName {
  return `batch-${request.kind}`;
}

/** Who asked, as the job row keeps it: the grants and spaces of the credential at submit time. */
export interface ActorSnapshot {
  readonly kind: Actor['kind'];
  readonly spaceIds: readonly string[] | null;
  readonly grants: readonly string[];
  readonly userId: string;
  readonly allowSpaceTags?: readonly string[];
}

export interface TaskPayload {
  readonly actor: ActorSnapshot;
  readonly request: BatchRequest;
}

/** A finished task's stored result: its status (200 all done, 207 some failed, 400 all failed). */
export interface TaskResult {
  readonly status: number;
  readonly outcomes: readonly ItemOutcome[];
}

export function snapshotActor(actor: Actor): ActorSnapshot {
  return {
    kind: actor.kind,
    spaceIds: actor.spaceIds,
    grants: [...actor.grants],
    userId: actor.userId,
    ...(actor.allowSpaceTags ? { allowSpaceTags: actor.allowSpaceTags } : {}),
  };
}

/** The actor a job acts as; the library is read again, so its current settings apply. */
export async function restoreActor(repos: MetaRepos, libraryId: string, snapshot: ActorSnapshot): Promise<Actor> {
  const library = await repos.libraries.get(libraryId);
  if (!library) {
    throw new SmhError('LibraryNotFound');
  }
  return { ...snapshot, library, grants: new Set(snapshot.grants) };
}

/** SMH's task statuses (dirs.md §7): v2's 400 when every item failed, 207 when some did. */
export function taskStatus(outcomes: readonly ItemOutcome[]): number {
  const failed = outcomes.filter((outcome) => outcome.status >= 300).length;
  if (failed === 0) {
    return 200;
  }
  return failed === outcomes.length ? 400 : 207;
}
