import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { itemIdList, itemIdParam } from './recycled-input.js';

/** DELETE /api/v1/recycled/{L}/{S}/{Id} — R6: 204 once the item and its unshared bytes are gone. */
export async function purgeRecycledItem(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.recycleBin.purge(input.actor, input.spaceId, itemIdParam(input.request));
  return input.reply.status(204).send();
}

/** POST /api/v1/recycled/{L}/{S}?delete — R7 (FLT sends DELETE ?delete, also accepted). */
export async function purgeRecycledItems(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.recycleBin.purgeMany(input.actor, input.spaceId, itemIdList(input.request));
  return input.reply.status(204).send();
}

/** DELETE /api/v1/recycled/{L}/{S} — R8: the items vanish now, their bytes shortly after. */
export async function emptyRecycleBin(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.recycleBin.empty(input.actor, input.spaceId);
  return input.reply.status(204).send();
}
