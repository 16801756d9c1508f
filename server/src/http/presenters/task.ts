import { toSegments } from '../../lib/smh-path.js';
import type { Task } from '../../services/task.service.js';
import { FILE_TASK_JOBS, isFileTaskJob } from '../../services/file-task-jobs.js';
import { TASK_JOBS } from '../../services/task-jobs.js';
import { presentBatchItems } from './batch.js';

/**
 * Tasks → SMH's two task shapes (dirs.md §7). T1/T2 elements carry the numeric `taskId` (and
 * `id`, the name older SDKs read, §12.1); T3/T4 bodies carry it as a string with `taskType` and
 * one typed result field.
 */
function resultOf(task: Task): unknown {
  if (isFileTaskJob(task.jobName)) {
    return task.fileResult;
  }
  if (!task.outcomes || !task.request) {
    return undefined;
  }
  const items = presentBatchItems(task.request, task.outcomes);
  if (task.jobName !== 'copy-directory') {
    return items;
  }
  // D7/D8: `{path}` when copied; the failed item itself otherwise.
  const [outcome] = task.outcomes;
  return outcome?.path !== undefined && outcome.status < 300 ? { path: toSegments(outcome.path) } : items[0];
}

export function presentTask(task: Task): Record<string, unknown> {
  const out: Record<string, unknown> = { taskId: task.id, id: task.id, status: task.status };
  const result = resultOf(task);
  if (result !== undefined) {
    out.result = result;
  }
  return out;
}

/** v2 types: a directory copy is a one-item `batchCopy` there, the closest type the SDKs know. */
const V2_TYPES = {
  'batch-delete': ['batchDelete', 'batchDeleteResults'],
  'batch-copy': ['batchCopy', 'batchCopyResults'],
  'batch-move': ['batchMove', 'batchMoveResults'],
  'copy-directory': ['batchCopy', 'batchCopyResults'],
} as const satisfies Record<keyof typeof TASK_JOBS, readonly [string, string]>;

export function presentTaskV2(task: Task): Record<string, unknown> {
  if (isFileTaskJob(task.jobName)) {
    // File tasks carry one typed result object, under `result` (files.md §8.7's convertFile shape).
    const out: Record<string, unknown> = { taskId: String(task.id), taskType: FILE_TASK_JOBS[task.jobName], status: task.status };
    return task.fileResult ? { ...out, result: task.fileResult } : out;
  }
  const [taskType, field] = V2_TYPES[task.jobName];
  const out: Record<string, unknown> = { taskId: String(task.id), taskType, status: task.status };
  if (task.outcomes && task.request) {
    out[field] = presentBatchItems(task.request, task.outcomes);
  }
  return out;
}
