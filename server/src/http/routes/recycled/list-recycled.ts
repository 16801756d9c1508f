import { SmhError } from '../../../errors/smh-error.js';
import type { RecycleCursor, RecycleOrder } from '../../../stores/meta/recycle-store.js';
import { presentRecycledItem } from '../../presenters/recycled-item.js';
import { intParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { decodeOpaqueMarker, encodeOpaqueMarker, hasFields } from '../opaque-marker.js';
import type { SpaceRequest } from '../params.js';

const ORDERS: readonly RecycleOrder[] = ['name', 'modificationTime', 'size', 'removalTime', 'remainingTime'];
const MAX_DEEP_PAGE = 10_000;

/** The marker carries its order, so a marker replayed under another order is refused. */
interface RecycleMarker {
  o: RecycleOrder;
  d: 0 | 1;
  k: string | number;
  i: number;
}

function isMarker(value: unknown): value is RecycleMarker {
  if (!hasFields(value, { o: 'string', d: 'number', i: 'number' })) {
    return false;
  }
  const key = (value as { k?: unknown }).k;
  return ORDERS.includes(value.o as RecycleOrder) && (typeof key === 'string' || typeof key === 'number');
}

/**
 * GET /api/v1/recycled/{L}/{S} — R1. Without `order_by` the newest deletions come first (SMH
 * leaves the default order unspecified). Both modes report `totalNum` (dirs.md §12.3).
 */
export async function listRecycled(services: Services, input: SpaceRequest): Promise<unknown> {
  const { query } = input;
  const byPage = query.page !== undefined || query.page_size !== undefined;
  if (byPage && (query.marker !== undefined || query.limit !== undefined)) {
    throw new SmhError('ParamInvalid', 'marker/limit and page/page_size cannot be combined.');
  }
  const rawOrder = query.order_by ?? query.orderBy;
  const orderBy = (rawOrder || 'removalTime') as RecycleOrder;
  if (!ORDERS.includes(orderBy)) {
    throw new SmhError('ParamInvalid', `order_by must be one of ${ORDERS.join(', ')}.`);
  }
  const direction = query.order_by_type ?? query.orderByType ?? (rawOrder ? 'asc' : 'desc');
  if (direction !== 'asc' && direction !== 'desc') {
    throw new SmhError('ParamInvalid', 'order_by_type must be asc or desc.');
  }
  const descending = direction === 'desc';
  const page = intParam(query, 'page', 1, 1, MAX_DEEP_PAGE);
  const pageSize = intParam(query, 'page_size', 20, 1, 1000);
  if (byPage && page * pageSize > MAX_DEEP_PAGE) {
    throw new SmhError('ParamInvalid', `page × page_size must not exceed ${MAX_DEEP_PAGE}; use marker paging.`);
  }
  let after: RecycleCursor | null = null;
  if (!byPage && query.marker) {
    const marker = decodeOpaqueMarker(query.marker, isMarker);
    if (marker.o !== orderBy || marker.d !== (descending ? 1 : 0)) {
      throw new SmhError('MarkerInvalid', 'The marker was issued for another order.');
    }
    after = { key: marker.k, id: marker.i };
  }
  const listing = await services.recycleBin.list(input.actor, input.spaceId, {
    orderBy,
    descending,
    offset: byPage ? (page - 1) * pageSize : 0,
    limit: byPage ? pageSize : intParam(query, 'limit', 20, 1, 100),
    after,
  });
  const authority = services.recycleBin.authority(input.actor);
  const body: Record<string, unknown> = {
    totalNum: listing.total,
    contents: listing.items.map((view) => presentRecycledItem(view, authority)),
  };
  if (!byPage && listing.nextCursor) {
    const marker: RecycleMarker = { o: orderBy, d: descending ? 1 : 0, k: listing.nextCursor.key, i: listing.nextCursor.id };
    body.nextMarker = encodeOpaqueMarker(marker);
  }
  return input.reply.send(body);
}
