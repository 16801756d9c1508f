import type { FastifyInstance } from 'fastify';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { listFavorites } from './favorite-list.js';
import { addFavorite, cancelFavorite } from './favorite-record.js';

/** Favorites (dirs.md §10). Android posts to `…/{S}/?cancel` with a trailing slash (§12.15). */
const RECORDS = ['/api/v1/favorite/:libraryId/:spaceId', '/api/v1/favorite/:libraryId/:spaceId/'];

export function registerFavoriteRoutes(app: FastifyInstance, services: Services): void {
  for (const url of RECORDS) {
    app.post(url, async (request, reply) => {
      const input = await spaceRequest(services, request, reply);
      return hasFlag(input.query, 'cancel') ? cancelFavorite(services, input) : addFavorite(services, input);
    });
  }
  app.get('/api/v1/favorite/:libraryId/:spaceId/list', async (request, reply) =>
    listFavorites(services, await spaceRequest(services, request, reply)),
  );
}
