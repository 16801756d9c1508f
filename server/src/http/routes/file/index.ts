import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { type ActionMethod, dispatchAction } from '../action-dispatch.js';
import { FILE_ACTIONS } from '../action-tables.js';
import { spaceRequest } from '../params.js';

const FILE_PATH = '/api/v1/file/:libraryId/:spaceId/*';
const METHODS: readonly ActionMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/**
 * `/api/v1/file/{L}/{S}/{X}` carries a dozen operations, told apart by method, value-less query
 * flag and body keys (files.md §2.1); FILE_ACTIONS in ../action-tables.ts is the dispatch table.
 */
export function registerFileRoutes(app: FastifyInstance, services: Services): void {
  for (const method of METHODS) {
    app.route({
      method,
      url: FILE_PATH,
      handler: async (request, reply) => dispatchAction(FILE_ACTIONS, method, services, await spaceRequest(services, request, reply)),
    });
  }
}
