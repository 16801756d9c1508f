import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { continueSearch, deleteSearch, startSearch } from './search-task.js';

const TASKS = '/api/v1/search/:libraryId/:spaceId/space-contents';
const TASK = '/api/v1/search/:libraryId/:spaceId/:searchId';

/** Search tasks (dirs.md §8 S1–S3); the static `space-contents` route wins over `:searchId`. */
export function registerSearchRoutes(app: FastifyInstance, services: Services): void {
  app.post(TASKS, async (request, reply) => startSearch(services, await spaceRequest(services, request, reply)));
  app.get(TASK, async (request, reply) => continueSearch(services, await spaceRequest(services, request, reply)));
  // The Flutter SDK continues with POST (dirs.md §12.10).
  app.post(TASK, async (request, reply) => continueSearch(services, await spaceRequest(services, request, reply)));
  app.delete(TASK, async (request, reply) => deleteSearch(services, await spaceRequest(services, request, reply)));
}
