import { SmhError } from '../../../errors/smh-error.js';
import type { FavoriteCursor } from '../../../stores/meta/favorite-store.js';
import { iso, presentListItem } from '../../presenters/entry.js';
import { boolParam, intParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { decodeOpaqueMarker, encodeOpaqueMarker, hasFields } from '../opaque-marker.js';
import type { SpaceRequest } from '../params.js';

const MAX_DEEP_PAGE = 10_000;

function isCursor(value: unknown): value is FavoriteCursor {
  return hasFields(value, { createdAt: 'number', id: 'number' });
}

/** GET /api/v1/favorite/{L}/{S}/list — the caller's favorites, by marker or by page (F3). */
export async function listFavorites(services: Services, input: SpaceRequest): Promise<unknown> {
  const { query } = input;
  const byPage = query.page !== undefined || query.page_size !== undefined;
  if (byPage && (query.marker !== undefined || query.limit !== undefined)) {
    throw new SmhError('ParamInvalid', 'marker/limit and page/page_size cannot be combined.');
  }
  const orderBy = query.order_by ?? query.orderBy ?? 'favoriteTime';
  if (orderBy !== 'favoriteTime') {
    throw new SmhError('ParamInvalid', 'order_by only supports favoriteTime.');
  }
  const direction = query.order_by_type ?? query.orderByType ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new SmhError('ParamInvalid', 'order_by_type must be asc or desc.');
  }
  const page = intParam(query, 'page', 1, 1, MAX_DEEP_PAGE);
  const pageSize = intParam(query, 'page_size', 20, 1, 1000);
  if (byPage && page * pageSize > MAX_DEEP_PAGE) {
    throw new SmhError('ParamInvalid', `page × page_size must not exceed ${MAX_DEEP_PAGE}; use marker paging.`);
  }
  const limit = byPage ? pageSize : intParam(query, 'limit', 20, 1, 1000);
  const after = !byPage && query.marker ? decodeOpaqueMarker(query.marker, isCursor) : null;
  const listing = await services.favorites.list(input.actor, input.spaceId, {
    descending: direction === 'desc',
    limit,
    offset: byPage ? (page - 1) * pageSize : 0,
    after,
    withTotal: byPage,
  });
  // `with_path` is a true/false flag, unlike SMH's 0/1 ones (dirs.md §2.4).
  const withPath = boolParam(query, 'with_path');
  const contents = listing.items.map(({ favorite, entry }) => {
    const { path, ...item } = presentListItem(entry, true);
    return {
      ...item,
      ...(withPath ? { path } : {}),
      spaceId: favorite.spaceId,
      favoriteTime: iso(favorite.createdAt),
      userId: favorite.userId,
      virusAuditStatus: 0,
    };
  });
  const body: Record<string, unknown> = { contents };
  if (byPage) {
    body.totalNum = listing.total;
  } else if (listing.nextCursor) {
    body.nextMarker = encodeOpaqueMarker(listing.nextCursor);
  }
  return input.reply.send(body);
}
