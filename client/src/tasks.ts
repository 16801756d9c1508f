import { TaskFailedError } from './errors.js';
import type { SmhCore } from './client.js';
import type { TaskStatus } from './types.js';

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** T1: the status of one or more tasks. */
export function queryTasks(core: SmhCore, taskIds: readonly number[], signal?: AbortSignal): Promise<TaskStatus[]> {
  return core.requestJson<TaskStatus[]>('GET', 'task', taskIds.join(','), { signal });
}

/** Polls T1 with a growing interval (50 ms → 2 s) until the task is done; failure statuses throw. */
export async function waitForTaskImpl(
  core: SmhCore,
  taskId: number,
  options: { signal?: AbortSignal; intervalMs?: number } = {},
): Promise<TaskStatus> {
  let interval = options.intervalMs ?? 50;
  for (;;) {
    const [task] = await queryTasks(core, [taskId], options.signal);
    if (task && task.status !== 202) {
      if (task.status >= 400) {
        throw new TaskFailedError(taskId, task.status, task.result);
      }
      return task;
    }
    await sleep(interval, options.signal);
    interval = Math.min(2000, interval * 2);
  }
}
