import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { DELTA_DEFAULT_LIMIT, DELTA_MAX_LIMIT } from '../../../services/feed.service.js';
import { presentFeedEvent } from '../../presenters/feed-event.js';
import { intParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';

const CURSOR = '/api/v1/fs-delta/:libraryId/:spaceId/cursor';
const DELTA = '/api/v1/fs-delta/:libraryId/:spaceId/delta';

/** The change feed (X2, files.md §8.9): a cursor, then the events after it. */
export function registerFsDeltaRoutes(app: FastifyInstance, services: Services): void {
  app.get(CURSOR, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    return { cursor: await services.feed.cursor(input.actor, input.spaceId) };
  });
  app.get(DELTA, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    const cursor = input.query.cursor;
    if (cursor === undefined || cursor === '') {
      throw new SmhError('ParamInvalid', 'cursor is required: take one from GET …/fs-delta/{L}/{S}/cursor.');
    }
    const limit = intParam(input.query, 'limit', DELTA_DEFAULT_LIMIT, 1, DELTA_MAX_LIMIT);
    const page = await services.feed.delta(input.actor, input.spaceId, cursor, limit);
    return { cursor: page.cursor, hasMore: page.hasMore, contents: page.events.map(presentFeedEvent) };
  });
}
