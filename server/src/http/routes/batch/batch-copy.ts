import { SmhError } from '../../../errors/smh-error.js';
import type { BatchRequest } from '../../../services/batch-items.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { batchItems, itemFlag, itemOptionalString, itemPath, itemStrategy, sendSubmitted } from './batch-body.js';

/**
 * POST /api/v1/batch/{L}/{S}?copy — B2, body `[{copyFrom, to, conflictResolutionStrategy,
 * copyFromSpaceId}]`. `copyFromLibraryId` (saving a share from another library) is not supported.
 */
export async function batchCopy(services: Services, input: SpaceRequest): Promise<unknown> {
  const items = batchItems(input.request).map((item, index) => {
    const library = itemOptionalString(item, 'copyFromLibraryId', index);
    if (library !== undefined && library !== input.actor.library.id) {
      throw new SmhError('ParamInvalid', `Item ${index}: copying from another library is not supported.`);
    }
    itemFlag(item, 'moveAuthority', index); // sent by Android/iOS on copies too; meaningless here
    const fromSpaceId = itemOptionalString(item, 'copyFromSpaceId', index);
    return {
      from: itemPath(item, 'copyFrom', index),
      to: itemPath(item, 'to', index),
      strategy: itemStrategy(item, index),
      fromSpaceId: fromSpaceId === input.spaceId ? undefined : fromSpaceId,
    };
  });
  const request: BatchRequest = { kind: 'copy', items };
  return sendSubmitted(input, request, await services.batch.submit(input.actor, input.spaceId, request));
}
