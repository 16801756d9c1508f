import { SmhError } from '../../../errors/smh-error.js';
import type { BatchRequest } from '../../../services/batch-items.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { batchItems, itemFlag, itemOptionalString, itemPath, itemStrategy, sendSubmitted } from './batch-body.js';

/**
 * POST /api/v1/batch/{L}/{S}?move — B3, body `[{from, to, conflictResolutionStrategy}]` (default
 * `rename`). Moves across spaces (`fromSpaceId`) are not supported: copy, then delete.
 */
export async function batchMove(services: Services, input: SpaceRequest): Promise<unknown> {
  const items = batchItems(input.request).map((item, index) => {
    const fromSpaceId = itemOptionalString(item, 'fromSpaceId', index);
    if (fromSpaceId !== undefined && fromSpaceId !== input.spaceId) {
      throw new SmhError('ParamInvalid', `Item ${index}: moving across spaces is not supported.`);
    }
    itemFlag(item, 'moveAuthority', index); // folder ACL grants are not modelled yet
    return { from: itemPath(item, 'from', index), to: itemPath(item, 'to', index), strategy: itemStrategy(item, index) };
  });
  const request: BatchRequest = { kind: 'move', items };
  return sendSubmitted(input, request, await services.batch.submit(input.actor, input.spaceId, request));
}
