import type { FastifyRequest } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import type { Query } from '../../request-input.js';

/** R5/R7 bodies list at most this many ids (SMH's TooManyItems limit for batch calls). */
export const MAX_BATCH_ITEMS = 1000;

const ITEM_ID = /^[1-9][0-9]{0,14}$/;

/** `{RecycledItemId}` of the path; anything that is not an id names no item. */
export function itemIdParam(request: FastifyRequest): number {
  const raw = (request.params as { itemId?: string }).itemId ?? '';
  if (!ITEM_ID.test(raw)) {
    throw new SmhError('RecycledItemNotFound');
  }
  return Number(raw);
}

/**
 * R5/R7's body: a JSON array of item ids, e.g. `[1, 2, 3]`. Digit strings are accepted as
 * well, as clients that model ids as strings send them.
 */
export function itemIdList(request: FastifyRequest): number[] {
  const body = request.body;
  if (body === undefined || body === null) {
    throw new SmhError('NoItemsProvided', 'The body must be a JSON array of recycled item ids.');
  }
  if (!Array.isArray(body)) {
    throw new SmhError('ParamInvalid', 'The body must be a JSON array of recycled item ids.');
  }
  if (body.length === 0) {
    throw new SmhError('NoItemsProvided');
  }
  if (body.length > MAX_BATCH_ITEMS) {
    throw new SmhError('TooManyItems', `At most ${MAX_BATCH_ITEMS} items per request.`);
  }
  return body.map((value: unknown) => {
    const id = typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : value;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      throw new SmhError('ParamInvalid', 'Recycled item ids must be integers.');
    }
    return id;
  });
}

/** `restore_path_strategy`: originalPath (default) or fallbackToRoot (dirs.md R4). */
export function fallbackToRoot(query: Query): boolean {
  const raw = query.restore_path_strategy ?? query.restorePathStrategy;
  if (raw === undefined || raw === '' || raw === 'originalPath') {
    return false;
  }
  if (raw === 'fallbackToRoot') {
    return true;
  }
  throw new SmhError('ParamInvalid', 'restore_path_strategy must be originalPath or fallbackToRoot.');
}
