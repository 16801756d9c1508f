import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { type ActionMethod, dispatchAction } from '../action-dispatch.js';
import { DIRECTORY_ACTIONS } from '../action-tables.js';
import { spaceRequest } from '../params.js';

/** `/api/v1/directory/{L}/{S}[/{Path}]`: the root has no path segment (dirs.md §2.1). */
const PATHS = ['/api/v1/directory/:libraryId/:spaceId', '/api/v1/directory/:libraryId/:spaceId/*'];
const METHODS: readonly ActionMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/** One route per method; DIRECTORY_ACTIONS in ../action-tables.ts picks the operation. */
export function registerDirectoryRoutes(app: FastifyInstance, services: Services): void {
  for (const url of PATHS) {
    for (const method of METHODS) {
      app.route({
        method,
        url,
        handler: async (request, reply) =>
          dispatchAction(DIRECTORY_ACTIONS, method, services, await spaceRequest(services, request, reply)),
      });
    }
  }
}
