import { SmhError } from '../../../errors/smh-error.js';
import type { OrderBy } from '../../../stores/meta/meta-store.js';
import { presentListItem } from '../../presenters/entry.js';
import { boolParam, intParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { sortOptions } from '../directory/list-directory.js';
import { decodeOpaqueMarker, encodeOpaqueMarker, hasFields } from '../opaque-marker.js';
import type { SpaceRequest } from '../params.js';

interface Marker {
  o: OrderBy;
  d: boolean;
  k: string | number;
  i: string;
}

function isMarker(value: unknown): value is Marker {
  return hasFields(value, { o: 'string', i: 'string' }) && typeof value.d === 'boolean' && (typeof value.k === 'string' || typeof value.k === 'number');
}

/**
 * GET /api/v1/space/{L}/{S}/contents-view — every file and directory of the space, flat (dirs.md
 * D14). `uploadTime` sorts as creationTime (first upload); items carry `inode`, and `path` only
 * with `with_path=true`. A marker only continues the order it was issued for.
 */
export async function contentsView(services: Services, input: SpaceRequest): Promise<unknown> {
  const { query } = input;
  const uploadTime = (query.order_by ?? query.orderBy) === 'uploadTime';
  const sort = sortOptions(uploadTime ? { ...query, order_by: 'creationTime', orderBy: undefined } : query);
  const limit = intParam(query, 'limit', 20, 1, 1000);
  let after: { key: string | number; id: string } | undefined;
  if (query.marker) {
    const marker = decodeOpaqueMarker(query.marker, isMarker);
    if (marker.o !== sort.orderBy || marker.d !== sort.descending) {
      throw new SmhError('MarkerInvalid', 'The marker was issued for another order.');
    }
    after = { key: marker.k, id: marker.i };
  }
  const page = await services.fileOps.contentsView.list(input.actor, input.spaceId, {
    orderBy: sort.orderBy,
    descending: sort.descending,
    filter: sort.filter,
    category: query.category === undefined || query.category === '' ? undefined : query.category,
    after,
    limit,
  });
  const withPath = boolParam(query, 'with_path');
  const contents = page.entries.map((entry) => {
    const item = presentListItem(entry, true);
    if (!withPath) {
      delete item.path;
    }
    return item;
  });
  const nextMarker = page.next ? encodeOpaqueMarker({ o: sort.orderBy, d: sort.descending, k: page.next.key, i: page.next.id }) : '';
  return input.reply.send({ nextMarker, contents });
}
