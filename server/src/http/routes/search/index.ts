import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { searchFs, searchFsStats } from './search-fs.js';
import { continueSearch, deleteSearch, startSearch } from './search-task.js';

const TASKS = '/api/v1/search/:libraryId/:spaceId/space-contents';
const TASK = '/api/v1/search/:libraryId/:spaceId/:searchId';
const SEARCH_FS = '/api/v1/search/:libraryId/:spaceId/search-fs';
const SEARCH_FS_STATS = '/api/v1/search/:libraryId/:spaceId/search-fs-stats';

/**
 * Search tasks (dirs.md §8 S1–S3) and index search (S4, S5). The static `space-contents`,
 * `search-fs` and `search-fs-stats` routes win over `:searchId` (the router prefers static
 * segments), so a POST to them never reaches the continue-search handler.
 */
export function registerSearchRoutes(app: FastifyInstance, services: Services): void {
  app.post(SEARCH_FS, async (request, reply) => searchFs(services, await spaceRequest(services, request, reply)));
  app.post(SEARCH_FS_STATS, async (request, reply) => searchFsStats(services, await spaceRequest(services, request, reply)));
  app.post(TASKS, async (request, reply) => startSearch(services, await spaceRequest(services, request, reply)));
  app.get(TASK, async (request, reply) => continueSearch(services, await spaceRequest(services, request, reply)));
  // The Flutter SDK continues with POST (dirs.md §12.10).
  app.post(TASK, async (request, reply) => continueSearch(services, await spaceRequest(services, request, reply)));
  app.delete(TASK, async (request, reply) => deleteSearch(services, await spaceRequest(services, request, reply)));
}
