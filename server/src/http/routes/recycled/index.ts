import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { listRecycled } from './list-recycled.js';
import { emptyRecycleBin, purgeRecycledItem, purgeRecycledItems } from './purge-recycled.js';
import { recycledItemInfo, recycledItemPreview } from './recycled-item.js';
import { setRecycleLifecycle } from './recycled-lifecycle.js';
import { restoreRecycledItem, restoreRecycledItems } from './restore-recycled.js';

const BIN = '/api/v1/recycled/:libraryId/:spaceId';
const ITEM = '/api/v1/recycled/:libraryId/:spaceId/:itemId';

/**
 * The recycle bin, R1–R9 (dirs.md §6): operations told apart by method and value-less flag.
 * Every one of them answers RecycleBinNotEnabled while the library has no bin.
 */
export function registerRecycledRoutes(app: FastifyInstance, services: Services): void {
  app.get(BIN, async (request, reply) => listRecycled(services, await spaceRequest(services, request, reply)));
  app.post(BIN, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (hasFlag(input.query, 'restore')) {
      return restoreRecycledItems(services, input);
    }
    if (hasFlag(input.query, 'delete')) {
      return purgeRecycledItems(services, input);
    }
    if (hasFlag(input.query, 'lifecycle')) {
      return setRecycleLifecycle(services, input);
    }
    throw new SmhError('RouteNotFound', 'POST on the recycle bin needs ?restore, ?delete or ?lifecycle.');
  });
  app.delete(BIN, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    return hasFlag(input.query, 'delete') ? purgeRecycledItems(services, input) : emptyRecycleBin(services, input);
  });
  app.get(ITEM, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    return hasFlag(input.query, 'preview') ? recycledItemPreview(services, input) : recycledItemInfo(services, input);
  });
  app.post(ITEM, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (!hasFlag(input.query, 'restore')) {
      throw new SmhError('RouteNotFound', 'POST on a recycled item needs ?restore.');
    }
    return restoreRecycledItem(services, input);
  });
  app.delete(ITEM, async (request, reply) => purgeRecycledItem(services, await spaceRequest(services, request, reply)));
}
