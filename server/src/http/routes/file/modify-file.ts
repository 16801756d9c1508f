import { toSegments } from '../../../lib/smh-path.js';
import { bodyObject, strategyParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { defaultStrategy } from '../default-strategy.js';
import type { SpaceRequest } from '../params.js';
import { permanentParam, replyDeleted } from '../recycled/deleted-reply.js';

/** DELETE /api/v1/file/{L}/{S}/{Path} — files.md §8.1: 200 {recycledItemId} into the bin, else 204. */
export async function deleteFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const itemId = await services.files.delete(input.actor, input.spaceId, input.path, undefined, { permanent: permanentParam(input) });
  return replyDeleted(input.reply, itemId);
}

/** PUT with `{from}` — rename or move (files.md §8.2). */
export async function moveFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const strategy = strategyParam(input.query, defaultStrategy(input.actor, 'rename'));
  const path = await services.files.move(input.actor, input.spaceId, input.path, bodyObject(input.request).from, strategy);
  return input.reply.send({ path: toSegments(path) });
}

/** PUT with `{copyFrom}` — copy within the space (files.md §8.3). */
export async function copyFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const strategy = strategyParam(input.query, defaultStrategy(input.actor, 'rename'));
  const path = await services.files.copy(input.actor, input.spaceId, input.path, bodyObject(input.request).copyFrom, strategy);
  return input.reply.send({ path: toSegments(path) });
}
