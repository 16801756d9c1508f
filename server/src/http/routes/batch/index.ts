import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { batchCopy } from './batch-copy.js';
import { batchDelete } from './batch-delete.js';
import { batchMove } from './batch-move.js';

/**
 * `POST /api/v1/batch/{L}/{S}?delete|copy|move` (dirs.md §9): one path, the action in a
 * value-less query flag. Small batches answer 200/207 with per-item results; large ones 202
 * `{taskId}` (services/batch.service.ts decides).
 */
export function registerBatchRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/batch/:libraryId/:spaceId', async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (hasFlag(input.query, 'delete')) {
      return batchDelete(services, input);
    }
    if (hasFlag(input.query, 'copy')) {
      return batchCopy(services, input);
    }
    if (hasFlag(input.query, 'move')) {
      return batchMove(services, input);
    }
    throw new SmhError('RouteNotFound', 'A batch request needs ?delete, ?copy or ?move.');
  });
}
