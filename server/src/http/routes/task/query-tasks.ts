import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../plugins/auth.js';
import { presentTask } from '../../presenters/task.js';
import type { Services } from '../../services.js';
import { parseTaskIds } from './task-ids.js';

interface Params {
  libraryId: string;
  spaceId?: string;
  taskIdList: string;
}

/**
 * GET /api/v1/task/{L}/{S}/{TaskIdList} (T1) and /api/v1/task/{L}/{TaskIdList} (T2): an array
 * with one `{taskId, status, result?}` per id, in the order asked. Running tasks show 202.
 */
export async function queryTasks(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const params = request.params as Params;
  const actor = await authenticate(services, request, params.libraryId);
  const tasks = await services.tasks.get(actor, params.spaceId ?? null, parseTaskIds(params.taskIdList));
  return reply.send(tasks.map(presentTask));
}
