import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { createShare, deleteShare, listShares, searchShares, setShareEnabled, shareDetail, updateShare } from './manage-share.js';
import { saveShare, shareFile, shareRequest, urlDetail, verifyShare } from './recipient.js';

/**
 * Share links (dirs.md §11.1). The owner side lives under `/api/v1/share/{L}/…` and takes a
 * library token; the recipient side (`url-detail`, `verify`, `file`) takes no library token but
 * a share access token from `verify`. Static segments win over `{L}` in Fastify's router, so a
 * library can never be called "verify" by accident of routing.
 */
const CREDENTIAL_PARAMS = new Set(['access_token', 'user_id', 'library_secret']);

export function registerShareRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/share/url-detail/:code', (request, reply) => urlDetail(services, shareRequest(request, reply)));
  app.post('/api/v1/share/verify/:code', (request, reply) => verifyShare(services, shareRequest(request, reply)));
  app.get('/api/v1/share/file/:code', (request, reply) => shareFile(services, shareRequest(request, reply)));
  app.get('/api/v1/share/file/:code/*', (request, reply) => shareFile(services, shareRequest(request, reply)));
  app.post('/api/v1/share/file/:code', (request, reply) => saveShare(services, shareRequest(request, reply)));

  // `:spaceId` is the second segment: a space (create), a share id, or `list` / `search`.
  app.get('/api/v1/share/:libraryId/:spaceId', async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (input.spaceId === 'list') {
      return listShares(services, input);
    }
    if (hasFlag(input.query, 'detail')) {
      return shareDetail(services, input);
    }
    throw new SmhError('RouteNotFound', 'A share request needs ?detail.');
  });
  app.post('/api/v1/share/:libraryId/:spaceId', async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (input.spaceId === 'search') {
      return searchShares(services, input);
    }
    if (hasFlag(input.query, 'update')) {
      return updateShare(services, input);
    }
    if (hasFlag(input.query, 'setEnabled')) {
      return setShareEnabled(services, input);
    }
    // Only a plain POST creates: an action this route does not know must never create a share.
    const unknown = Object.keys(input.query).filter((key) => !CREDENTIAL_PARAMS.has(key));
    if (unknown.length > 0) {
      throw new SmhError('ParamInvalid', `Unsupported share action or parameter: ${unknown.join(', ')}.`);
    }
    return createShare(services, input);
  });
  app.delete('/api/v1/share/:libraryId/:spaceId', async (request, reply) => deleteShare(services, await spaceRequest(services, request, reply)));
}
