import { SmhError } from '../../../errors/smh-error.js';
import { parseAggregations } from '../../../services/search-aggregate.js';
import { presentListItem } from '../../presenters/entry.js';
import { bodyObject, boolParam, intParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { favoriteFlags, withFavorite } from '../favorite/favorite-flags.js';
import type { SpaceRequest } from '../params.js';
import { indexSearchCriteria } from './search-fs-criteria.js';

/** The marker may come in the body (preferred) or the query (dirs.md §8 S4). */
function markerOf(body: Record<string, unknown>, input: SpaceRequest): string | null {
  const raw = body.marker ?? input.query.marker;
  if (raw === undefined || raw === null || raw === '') {
    return null;
  }
  if (typeof raw !== 'string' || raw.length > 2048) {
    throw new SmhError('MarkerInvalid');
  }
  return raw;
}

/** POST /api/v1/search/{L}/{S}/search-fs — stateless index search by name (S4). */
export async function searchFs(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const type = body.type ?? 'filename';
  if (type === 'filecontent') {
    throw new SmhError('NotImplemented', 'Full-text search (type filecontent) is not implemented by this server; use type filename.');
  }
  if (type !== 'filename') {
    throw new SmhError('ParamInvalid', 'type must be filename or filecontent.');
  }
  const criteria = indexSearchCriteria(body);
  const limit = intParam(input.query, 'limit', 20, 1, 100);
  const page = await services.search.indexSearch(input.actor, input.spaceId, criteria, markerOf(body, input), limit);
  const withInode = boolParam(input.query, 'with_inode');
  const flags = await favoriteFlags(services, input, page.entries);
  return {
    nextMarker: page.nextMarker,
    contents: page.entries.map((entry) => withFavorite({ ...presentListItem(entry, withInode), userId: entry.userId }, entry, flags)),
  };
}

/** POST /api/v1/search/{L}/{S}/search-fs-stats — aggregations over the S4 filters (S5). */
export async function searchFsStats(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const aggregations = parseAggregations(body.aggregations);
  return services.search.indexStats(input.actor, input.spaceId, indexSearchCriteria(body), aggregations);
}
