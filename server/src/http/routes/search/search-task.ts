import { SmhError } from '../../../errors/smh-error.js';
import type { SearchPage } from '../../../services/search.service.js';
import { presentListItem } from '../../presenters/entry.js';
import { bodyObject, boolParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { favoriteFlags, withFavorite } from '../favorite/favorite-flags.js';
import type { SpaceRequest } from '../params.js';
import { searchCriteria } from './search-criteria.js';

function searchIdOf(input: SpaceRequest): string {
  return (input.request.params as { searchId?: string }).searchId ?? '';
}

/**
 * S1/S2's answer. Pages are computed on demand, so the search is always finished; `nextMarker`
 * is the integer SMH and its SDKs use (dirs.md §12.2) and appears only when `hasMore`.
 */
async function present(services: Services, input: SpaceRequest, page: SearchPage): Promise<unknown> {
  const withInode = boolParam(input.query, 'with_inode');
  const flags = await favoriteFlags(services, input, page.entries);
  const body: Record<string, unknown> = {
    searchId: page.searchId,
    searchFinished: true,
    hasMore: page.nextMarker !== null,
    contents: page.entries.map((entry) => withFavorite({ ...presentListItem(entry, withInode), userId: entry.userId }, entry, flags)),
  };
  if (page.nextMarker !== null) {
    body.nextMarker = page.nextMarker;
  }
  return input.reply.send(body);
}

/** POST /api/v1/search/{L}/{S}/space-contents — start a search task (S1). */
export async function startSearch(services: Services, input: SpaceRequest): Promise<unknown> {
  const criteria = searchCriteria(bodyObject(input.request));
  return present(services, input, await services.search.start(input.actor, input.spaceId, criteria));
}

/** GET /api/v1/search/{L}/{S}/{SearchId}?marker= — the next page (S2). */
export async function continueSearch(services: Services, input: SpaceRequest): Promise<unknown> {
  const marker = input.query.marker;
  if (marker === undefined || marker === '') {
    throw new SmhError('ParamInvalid', 'marker is required: pass the previous nextMarker.');
  }
  if (!/^\d{1,15}$/.test(marker)) {
    throw new SmhError('MarkerInvalid');
  }
  return present(services, input, await services.search.continue(input.actor, input.spaceId, searchIdOf(input), Number(marker)));
}

/** DELETE /api/v1/search/{L}/{S}/{SearchId} — forget a search task (S3). */
export async function deleteSearch(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.search.delete(input.actor, input.spaceId, searchIdOf(input));
  return input.reply.status(204).send();
}
