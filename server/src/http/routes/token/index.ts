import type { FastifyInstance, FastifyRequest } from 'fastify';
import { queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';

function list(value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : value.split(',').map((item) => item.trim()).filter(Boolean);
}

/** T1–T4 (core.md §3): tokens are minted with the library secret and revoked by value or user. */
export function registerTokenRoutes(app: FastifyInstance, services: Services): void {
  const create = async (request: FastifyRequest) => {
    const query = queryOf(request);
    return services.tokens.create({
      libraryId: query.library_id,
      librarySecret: query.library_secret,
      spaceIds: list(query.space_id),
      userId: query.user_id ?? '',
      clientId: query.client_id ?? '',
      sessionId: query.session_id ?? '',
      period: query.period,
      grants: list(query.grant),
      allowSpaceTags: list(query.allow_space_tag),
    });
  };
  app.get('/api/v1/token', create);
  app.post('/api/v1/token', create);

  app.post('/api/v1/token/:libraryId/:accessToken', async (request) => {
    const { libraryId, accessToken } = request.params as { libraryId: string; accessToken: string };
    return services.tokens.renew(libraryId, accessToken);
  });
  app.delete('/api/v1/token/:libraryId/:accessToken', async (request, reply) => {
    const { libraryId, accessToken } = request.params as { libraryId: string; accessToken: string };
    await services.tokens.delete(libraryId, accessToken);
    return reply.status(204).send();
  });
  app.delete('/api/v1/token/:libraryId', async (request, reply) => {
    const { libraryId } = request.params as { libraryId: string };
    const query = queryOf(request);
    await services.tokens.deleteByUser(
      libraryId,
      query.library_secret,
      list(query.user_id),
      query.client_id === undefined ? null : list(query.client_id).length > 0 ? list(query.client_id) : [''],
      query.session_id === undefined || query.session_id === '' ? null : list(query.session_id),
    );
    return reply.status(204).send();
  });
}
