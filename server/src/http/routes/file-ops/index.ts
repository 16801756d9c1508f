import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { contentsView } from './contents-view.js';
import { inodeInfo } from './inode-info.js';

/**
 * Routes of issue 8's file operations that have URLs of their own. The action flags on the shared
 * file and directory paths (`linkTo`, `?zip-preview`, …) branch from those routes' index files.
 */
export function registerFileOpsRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/inode/:libraryId/:spaceId/*', async (request, reply) => inodeInfo(services, await spaceRequest(services, request, reply)));
  app.get('/api/v1/space/:libraryId/:spaceId/contents-view', async (request, reply) =>
    contentsView(services, await spaceRequest(services, request, reply)),
  );
}
