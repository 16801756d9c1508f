import { SmhError } from '../../../errors/smh-error.js';
import { toSegments } from '../../../lib/smh-path.js';
import type { Entry, OrderBy } from '../../../stores/meta/meta-store.js';
import { ifNoneMatchHits } from '../../if-none-match.js';
import { directoryEtag, presentListItem } from '../../presenters/entry.js';
import { boolParam, intParam, type Query } from '../../request-input.js';
import type { Services } from '../../services.js';
import { favoriteFlags, withFavorite } from '../favorite/favorite-flags.js';
import type { SpaceRequest } from '../params.js';
import { decodeMarker, encodeMarker, LIST_ORDERS } from './list-marker.js';

const MAX_DEEP_PAGE = 10_000;

/** Sorting shared by list endpoints; Android sends camelCase spellings (dirs.md §2.4). */
export function sortOptions(query: Query) {
  const orderBy = (query.order_by ?? query.orderBy ?? 'name') as OrderBy;
  if (!LIST_ORDERS.includes(orderBy)) {
    throw new SmhError('ParamInvalid', `order_by must be one of ${LIST_ORDERS.join(', ')}.`);
  }
  const direction = query.order_by_type ?? query.orderByType ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new SmhError('ParamInvalid', 'order_by_type must be asc or desc.');
  }
  const filter = query.filter ?? null;
  if (filter !== null && filter !== '' && filter !== 'onlyDir' && filter !== 'onlyFile') {
    throw new SmhError('ParamInvalid', 'filter must be onlyDir or onlyFile.');
  }
  return {
    orderBy,
    descending: direction === 'desc',
    filter: filter === '' ? null : (filter as 'onlyDir' | 'onlyFile' | null),
    union: query.sort_type === 'union',
  };
}

/** GET /api/v1/directory/{L}/{S}/{Path} — marker (D2) or page (D3) listing, with If-None-Match. */
export async function listDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  const { query } = input;
  const byPage = query.page !== undefined || query.page_size !== undefined;
  if (byPage && (query.marker !== undefined || query.limit !== undefined)) {
    throw new SmhError('ParamInvalid', 'marker/limit and page/page_size cannot be combined.');
  }
  const page = intParam(query, 'page', 1, 1, MAX_DEEP_PAGE);
  const pageSize = intParam(query, 'page_size', 20, 1, 1000);
  if (byPage && page * pageSize > MAX_DEEP_PAGE) {
    throw new SmhError('ParamInvalid', `page × page_size must not exceed ${MAX_DEEP_PAGE}; use marker paging.`);
  }
  const limit = byPage ? pageSize : intParam(query, 'limit', 20, 1, 1000);
  const offset = byPage ? (page - 1) * pageSize : 0;
  const sort = sortOptions(query);
  // Without order_by the service applies the library type's default order (dirs.md §3).
  const orderBy = (query.order_by ?? query.orderBy) === undefined ? undefined : sort.orderBy;
  const after = !byPage && query.marker ? decodeMarker(query.marker) : undefined;
  // If-None-Match is settled on the directory row alone, before any child is read or counted.
  const isFresh = (directory: Entry) => ifNoneMatchHits(input.request.headers['if-none-match'], directoryEtag(directory));
  const listing = await services.directories.list(input.actor, input.spaceId, input.path, { ...sort, orderBy, offset, limit, after, isFresh });
  const eTag = directoryEtag(listing.directory);
  input.reply.header('ETag', `"${eTag}"`);
  if (listing.notModified) {
    return input.reply.status(304).send();
  }
  const withInode = boolParam(query, 'with_inode');
  const flags = await favoriteFlags(services, input, listing.contents);
  const body: Record<string, unknown> = {
    path: toSegments(listing.directory.path),
    eTag,
    fileCount: listing.fileCount,
    subDirCount: listing.subDirCount,
    totalNum: listing.fileCount + listing.subDirCount,
    contents: listing.contents.map((entry) => withFavorite(presentListItem(entry, withInode), entry, flags)),
  };
  if (!byPage && listing.nextCursor !== null) {
    body.nextMarker = encodeMarker(listing.nextCursor, listing.orderBy);
  }
  return input.reply.send(body);
}
