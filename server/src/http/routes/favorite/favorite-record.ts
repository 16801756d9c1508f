import { SmhError } from '../../../errors/smh-error.js';
import type { EntryRef } from '../../../services/favorite.service.js';
import { bodyObject } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** F1/F2 body: `{"path": "A/B"}` or `{"inode": "…"}`; inode wins when both are present. */
function entryRef(input: SpaceRequest): EntryRef {
  const body = bodyObject(input.request);
  const { path, inode } = body;
  if (inode !== undefined && inode !== null && inode !== '') {
    if (typeof inode !== 'string' || inode.length > 128) {
      throw new SmhError('ParamInvalid', 'inode must be a string.');
    }
    return { inode };
  }
  if (path === undefined || path === null) {
    throw new SmhError('ParamInvalid', 'The body needs a path or an inode.');
  }
  if (typeof path !== 'string') {
    throw new SmhError('ParamInvalid', 'path must be a string.');
  }
  return { path };
}

/** POST /api/v1/favorite/{L}/{S} — add a favorite (F1): 200 with its id and the entry's inode. */
export async function addFavorite(services: Services, input: SpaceRequest): Promise<unknown> {
  const added = await services.favorites.add(input.actor, input.spaceId, entryRef(input));
  return input.reply.send({ id: added.id, inode: added.entry.id });
}

/** POST /api/v1/favorite/{L}/{S}?cancel — remove a favorite (F2). */
export async function cancelFavorite(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.favorites.cancel(input.actor, input.spaceId, entryRef(input));
  return input.reply.status(204).send();
}
