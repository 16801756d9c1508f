import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../plugins/auth.js';
import { presentTaskV2 } from '../../presenters/task.js';
import { presentHistoryTask } from '../../presenters/version.js';
import type { Services } from '../../services.js';
import { parseTaskIds } from './task-ids.js';

interface Params {
  libraryId: string;
  spaceId?: string;
  taskId: string;
}

/**
 * GET /api/v1/task-result/{L}/{S}/{TaskId} (T3) and /api/v1/task-result/{L}/{TaskId} (T4): the
 * HTTP status is the task's (202 running, 200/207/400 finished, 500 failed), the body names the
 * task type and carries its typed result list (dirs.md §7 T3).
 */
export async function taskResult(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const params = request.params as Params;
  const actor = await authenticate(services, request, params.libraryId);
  const ids = parseTaskIds(params.taskId, 1);
  // T4 also reports the library-level clear-history task (files.md §9.7), which is no batch task.
  const history = params.spaceId === undefined && ids[0] !== undefined ? await services.historyConfig.task(actor, ids[0]) : null;
  if (history) {
    return reply.status(history.status).send(presentHistoryTask(history));
  }
  const [task] = await services.tasks.get(actor, params.spaceId ?? null, ids);
  if (!task) {
    throw new Error('one id yields one task');
  }
  return reply.status(task.status).send(presentTaskV2(task));
}
