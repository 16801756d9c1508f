import { SmhError } from '../../../errors/smh-error.js';
import type { HistoryListInput } from '../../../services/version.service.js';
import type { VersionCursor, VersionOrder } from '../../../stores/meta/version-store.js';
import { presentCurrentVersion, presentVersion } from '../../presenters/version.js';
import { intParam, type Query } from '../../request-input.js';
import type { Services } from '../../services.js';
import { decodeOpaqueMarker, encodeOpaqueMarker, hasFields } from '../opaque-marker.js';
import type { SpaceRequest } from '../params.js';

const MAX_PAGE = 1000;
const ORDERS: readonly VersionOrder[] = ['id', 'creationTime', 'size'];

/** Markers carry the last version's order key and id; id 0 = "right after the current file". */
function decodeMarker(marker: string): VersionCursor | 'head' {
  const cursor = decodeOpaqueMarker(marker, (value): value is { k: number; i: number } => hasFields(value, { k: 'number', i: 'number' }));
  return cursor.i === 0 ? 'head' : { key: cursor.k, id: cursor.i };
}

function encodeMarker(next: VersionCursor | 'head'): string {
  return encodeOpaqueMarker(next === 'head' ? { k: 0, i: 0 } : { k: next.key, i: next.id });
}

/** `order_by`/`order_by_type`, or Android's `orderBy`/`orderByType` (files.md §9.2); `size` is the older docs' value. */
function ordering(query: Query): Pick<HistoryListInput, 'orderBy' | 'descending'> {
  const orderBy = query.order_by ?? query.orderBy ?? 'id';
  const direction = query.order_by_type ?? query.orderByType ?? 'desc';
  if (!(ORDERS as readonly string[]).includes(orderBy)) {
    throw new SmhError('ParamInvalid', 'order_by must be id or creationTime.');
  }
  if (direction !== 'asc' && direction !== 'desc') {
    throw new SmhError('ParamInvalid', 'order_by_type must be asc or desc.');
  }
  return { orderBy: orderBy as VersionOrder, descending: direction === 'desc' };
}

/**
 * GET /api/v1/directory-history/{L}/{S}/history-list/{FilePath} — H1 (files.md §9.2). Marker
 * paging by default; page/page_size wins when given, and only it reports totalNum.
 */
export async function listHistory(services: Services, input: SpaceRequest): Promise<unknown> {
  const { query } = input;
  const pageMode = query.page !== undefined || query.page_size !== undefined;
  const request: HistoryListInput = { ...ordering(query) };
  if (pageMode) {
    const size = intParam(query, 'page_size', 20, 1, MAX_PAGE);
    request.page = { offset: (intParam(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER) - 1) * size, size };
  } else {
    request.marker = { after: query.marker ? decodeMarker(query.marker) : null, limit: intParam(query, 'limit', 20, 1, MAX_PAGE) };
  }
  const list = await services.versions.list(input.actor, input.spaceId, input.path, request);
  const contents = [...(list.current ? [presentCurrentVersion(list.current)] : []), ...list.versions.map(presentVersion)];
  const body: Record<string, unknown> = pageMode ? { totalNum: list.total, hasMore: list.hasMore } : { hasMore: list.hasMore };
  if (list.next !== undefined) {
    body.nextMarker = encodeMarker(list.next);
  }
  body.contents = contents;
  return input.reply.send(body);
}
