import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { recentlyUsedFiles } from './recently-used-file.js';

/** Recently used files (files.md §7.8); the previews are recorded by file/download.ts. */
export function registerRecentRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/recent/:libraryId/:spaceId/recently-used-file', async (request, reply) =>
    recentlyUsedFiles(services, await spaceRequest(services, request, reply)),
  );
}
