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
  const ids = parseTaskIds(params.taskIdList);
  if (params.spaceId !== undefined) {
    const tasks = await services.tasks.get(actor, params.spaceId, ids);
    return reply.send(tasks.map(presentTask));
  }
  // T2 also reports the library-level clear-history task, in its documented shape (dirs.md §7 T2).
  const elements = [];
  for (const id of ids) {
    const history = await services.historyConfig.task(actor, id);
    if (history) {
      const element: Record<string, unknown> = { taskId: history.id, id: history.id, status: history.status };
      if (history.deleteCount !== null) {
        element.result = [{ err: '', status: 0, deleteCount: history.deleteCount }];
      }
      elements.push(element);
    } else {
      const [task] = await services.tasks.get(actor, null, [id]);
      elements.push(presentTask(task as NonNullable<typeof task>));
    }
  }
  return reply.send(elements);
}
