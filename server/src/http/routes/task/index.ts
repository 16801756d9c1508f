import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { queryTasks } from './query-tasks.js';
import { taskResult } from './task-result.js';

/** The task API (dirs.md §7): tasks are the queue's batch and directory-copy jobs. */
export function registerTaskRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/task/:libraryId/:spaceId/:taskIdList', (request, reply) => queryTasks(services, request, reply));
  app.get('/api/v1/task/:libraryId/:taskIdList', (request, reply) => queryTasks(services, request, reply));
  app.get('/api/v1/task-result/:libraryId/:spaceId/:taskId', (request, reply) => taskResult(services, request, reply));
  app.get('/api/v1/task-result/:libraryId/:taskId', (request, reply) => taskResult(services, request, reply));
}
