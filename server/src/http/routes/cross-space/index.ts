import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { copyDirectoryCrossSpace } from './copy-directory.js';

/** `/api/v1/cross-space/…`: operations whose source lives in another space of the library. */
export function registerCrossSpaceRoutes(app: FastifyInstance, services: Services): void {
  app.put('/api/v1/cross-space/directory/:libraryId/:spaceId/copy/*', async (request, reply) =>
    copyDirectoryCrossSpace(services, await spaceRequest(services, request, reply)),
  );
}
