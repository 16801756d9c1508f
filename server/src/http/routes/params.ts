import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../services/actor.js';
import { authenticate } from '../plugins/auth.js';
import { queryOf, type Query } from '../request-input.js';
import type { Services } from '../services.js';

export interface SpacePathParams {
  libraryId: string;
  spaceId: string;
  '*'?: string;
}

/** What a space-scoped handler gets: the caller, the ids, the path tail and the query. */
export interface SpaceRequest {
  actor: Actor;
  spaceId: string;
  /** the path after the space id, percent-decoded ('' for the root) */
  path: string;
  query: Query;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type SpaceHandler = (services: Services, input: SpaceRequest) => Promise<unknown>;

export async function spaceRequest(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<SpaceRequest> {
  const params = request.params as SpacePathParams;
  const actor = await authenticate(services, request, params.libraryId);
  return { actor, spaceId: params.spaceId, path: params['*'] ?? '', query: queryOf(request), request, reply };
}
