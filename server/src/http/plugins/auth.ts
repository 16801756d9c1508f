import type { FastifyRequest } from 'fastify';
import { SmhError } from '../../errors/smh-error.js';
import type { Actor } from '../../services/actor.js';
import { checkUserId, secretMatches } from '../../services/token.service.js';
import { queryOf } from '../request-input.js';
import type { Services } from '../services.js';

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Resolves who calls a business API of `libraryId`: an access token (query wins over
 * `Authorization: Bearer`), the library secret (acts as admin), or nobody (public read only).
 */
export async function authenticate(services: Services, request: FastifyRequest, libraryId: string): Promise<Actor> {
  const query = queryOf(request);
  const library = await services.libraries.get(libraryId);
  const token = query.access_token || bearerToken(request);
  if (token) {
    const record = await services.tokens.use(library.id, token);
    return services.tokens.actorFrom(library, record, query.user_id);
  }
  if (query.library_secret) {
    if (!secretMatches(library, query.library_secret)) {
      throw new SmhError('WrongLibraryIdOrSecret');
    }
    return { kind: 'secret', library, spaceIds: null, grants: new Set(['admin']), userId: checkUserId(query.user_id ?? '') };
  }
  if (query.access_token === '') {
    throw new SmhError('EmptyAccessToken');
  }
  return { kind: 'public', library, spaceIds: null, grants: new Set(), userId: '' };
}
