import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { deleteHistory } from './delete-history.js';
import { clearLibraryHistory, getLibraryHistory, setLibraryHistory } from './library-history.js';
import { listHistory } from './list-history.js';
import { setLatestVersion } from './set-latest-version.js';

const SPACE = '/api/v1/directory-history/:libraryId/:spaceId';
const LIBRARY = '/api/v1/directory-history/:libraryId/library-history';

/**
 * Historical versions, H1–H6 (files.md §9). Space routes act on versions of files live in that
 * space; the library routes (config and clearing) need an admin credential.
 */
export function registerVersionRoutes(app: FastifyInstance, services: Services): void {
  app.get(`${SPACE}/history-list/*`, async (request, reply) => listHistory(services, await spaceRequest(services, request, reply)));
  app.post(`${SPACE}/delete`, async (request, reply) => deleteHistory(services, await spaceRequest(services, request, reply)));
  app.post(`${SPACE}/latest-version/:historyId`, async (request, reply) => setLatestVersion(services, await spaceRequest(services, request, reply)));
  app.get(LIBRARY, async (request) => getLibraryHistory(services, request));
  app.post(LIBRARY, async (request, reply) => setLibraryHistory(services, request, reply));
  app.delete(LIBRARY, async (request, reply) => clearLibraryHistory(services, request, reply));
}
