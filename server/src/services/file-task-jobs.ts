import type { ActorSnapshot } from './task-jobs.js';

/**
 * File-area tasks (dirs.md §7: calibrate D12, uncompress files.md §8.9). Like batch tasks they are
 * job rows whose id is the task id; unlike them each has one typed result rather than per-item
 * outcomes. SMH's task type names are the values.
 */
export const FILE_TASK_JOBS = {
  'calibrate-directory-stats': 'calibrateDirectoryStats',
  'uncompress-archive': 'uncompress',
} as const;

export type FileTaskJobName = keyof typeof FILE_TASK_JOBS;

export function isFileTaskJob(name: string): name is FileTaskJobName {
  return Object.hasOwn(FILE_TASK_JOBS, name);
}

/** What a file task's job row stores as its result: SMH's task status and the typed result. */
export interface FileTaskResult {
  readonly status: number;
  readonly result: Record<string, unknown>;
}

export interface FileTaskPayload {
  readonly actor: ActorSnapshot;
}
