import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseHistoryConfig } from '../../../services/history-config.js';
import { authenticate } from '../../plugins/auth.js';
import { presentHistoryConfig } from '../../presenters/version.js';
import { bodyObject } from '../../request-input.js';
import type { Services } from '../../services.js';
import { sendTaskAccepted } from '../task-accepted.js';

async function actorOf(services: Services, request: FastifyRequest) {
  return authenticate(services, request, (request.params as { libraryId: string }).libraryId);
}

/** GET /api/v1/directory-history/{L}/library-history — H4 (files.md §9.5), admin. */
export async function getLibraryHistory(services: Services, request: FastifyRequest): Promise<unknown> {
  return presentHistoryConfig(services.historyConfig.get(await actorOf(services, request)));
}

/** POST …/library-history — H5 (files.md §9.6), admin; 204. */
export async function setLibraryHistory(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const actor = await actorOf(services, request);
  if (await services.historyConfig.set(actor, parseHistoryConfig(bodyObject(request)))) {
    reply.server.worker.wake();
  }
  return reply.status(204).send();
}

/** DELETE …/library-history — H6 (files.md §9.7), admin: 202 {taskId}, result via T4. */
export async function clearLibraryHistory(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  return sendTaskAccepted(reply, await services.historyConfig.clear(await actorOf(services, request)));
}
