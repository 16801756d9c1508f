import { toSegments } from '../../../lib/smh-path.js';
import { strategyParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { fallbackToRoot, itemIdList, itemIdParam } from './recycled-input.js';

/**
 * POST /api/v1/recycled/{L}/{S}/{Id}?restore — R4. The default strategy is `rename`, as
 * DOC-CN/EN 71123 say (the JS SDK's `ask` default is a discrepancy, dirs.md §12.5).
 */
export async function restoreRecycledItem(services: Services, input: SpaceRequest): Promise<unknown> {
  const strategy = strategyParam(input.query, 'rename');
  const path = await services.recycleBin.restore(input.actor, input.spaceId, itemIdParam(input.request), {
    strategy,
    fallbackToRoot: fallbackToRoot(input.query),
  });
  return input.reply.send({ path: toSegments(path) });
}

/** POST /api/v1/recycled/{L}/{S}?restore — R5: 200 when every item came back, else 207. */
export async function restoreRecycledItems(services: Services, input: SpaceRequest): Promise<unknown> {
  const ids = itemIdList(input.request);
  const results = await services.recycleBin.restoreMany(input.actor, input.spaceId, ids, fallbackToRoot(input.query));
  const result = results.map(({ recycledItemId, path, error }) =>
    error
      ? { recycledItemId, status: error.status, code: error.code, message: error.message }
      : { recycledItemId, status: 200, path: toSegments(path ?? '') },
  );
  const allRestored = results.every((item) => !item.error);
  return input.reply.status(allRestored ? 200 : 207).send({ result });
}
