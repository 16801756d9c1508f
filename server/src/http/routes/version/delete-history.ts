import { SmhError } from '../../../errors/smh-error.js';
import { MAX_DELETE_IDS } from '../../../services/version.service.js';
import { parseHistoryId } from '../../../services/version-lookup.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/**
 * POST /api/v1/directory-history/{L}/{S}/delete — H2 (files.md §9.3). Body: a JSON array of
 * at most 100 history ids, as strings (docs) or numbers (Android). 204.
 */
export async function deleteHistory(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = input.request.body;
  if (body === undefined || body === null) {
    throw new SmhError('NoItemsProvided', 'The body must be a JSON array of history ids.');
  }
  if (!Array.isArray(body)) {
    throw new SmhError('ParamInvalid', 'The body must be a JSON array of history ids.');
  }
  if (body.length > MAX_DELETE_IDS) {
    throw new SmhError('TooManyItems', `At most ${MAX_DELETE_IDS} history ids per request.`);
  }
  if (body.some((value: unknown) => typeof value !== 'string' && typeof value !== 'number')) {
    throw new SmhError('ParamInvalid', 'History ids must be strings or numbers.');
  }
  await services.versions.delete(input.actor, input.spaceId, body.map(parseHistoryId));
  return input.reply.status(204).send();
}
