import { SmhError } from '../../../errors/smh-error.js';
import type { ListCursor, OrderBy } from '../../../stores/meta/meta-store.js';

/**
 * D2's opaque `nextMarker`: the last child of the page and the order it was listed in, as
 * base64url JSON (SMH's own markers decode to `{"type":…,"name":…}` too, dirs.md §5 D2).
 * Keyset rather than offset, so children added or removed between pages neither repeat nor
 * vanish from a client's walk.
 */
interface MarkerBody {
  type: 'dir' | 'file';
  name: string;
  key: string | number;
  orderBy: OrderBy;
}

/** every order_by D2/D3 accept */
export const LIST_ORDERS: readonly OrderBy[] = ['name', 'modificationTime', 'size', 'creationTime', 'localCreationTime', 'localModificationTime'];
const NUMERIC_ORDERS: readonly OrderBy[] = ['modificationTime', 'size', 'creationTime'];

export function encodeMarker(cursor: ListCursor, orderBy: OrderBy): string {
  const body: MarkerBody = { type: cursor.isDir ? 'dir' : 'file', name: cursor.name, key: cursor.key, orderBy };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes a marker into its cursor and the order it was issued for; garbage is MarkerNotFound. */
export function decodeMarker(marker: string): ListCursor & { orderBy: OrderBy } {
  let body: Partial<MarkerBody> | null = null;
  try {
    body = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as Partial<MarkerBody>;
  } catch {
    // reported below
  }
  if (
    !body ||
    typeof body !== 'object' ||
    (body.type !== 'dir' && body.type !== 'file') ||
    typeof body.name !== 'string' ||
    !body.orderBy ||
    !LIST_ORDERS.includes(body.orderBy) ||
    typeof body.key !== (NUMERIC_ORDERS.includes(body.orderBy) ? 'number' : 'string')
  ) {
    throw new SmhError('MarkerNotFound');
  }
  return { isDir: body.type === 'dir', name: body.name, key: body.key as string | number, orderBy: body.orderBy };
}
