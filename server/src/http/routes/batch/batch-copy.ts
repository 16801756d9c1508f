import { SmhError } from '../../../errors/smh-error.js';
import type { BatchRequest } from '../../../services/batch-items.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { batchItems, itemFlag, itemOptionalString, itemPath, itemStrategy, sendSubmitted } from './batch-body.js';

/**
 * POST /api/v1/batch/{L}/{S}?copy — B2, body `[{copyFrom, to, conflictResolutionStrategy,
 * copyFromSpaceId}]`. With `share_access_token` the items are read from that share ("save to my
 * space"), whose library and space `copyFromLibraryId`/`copyFromSpaceId` may name; without one,
 * only this library's spaces are sources.
 */
export async function batchCopy(services: Services, input: SpaceRequest): Promise<unknown> {
  const shareToken = input.query.share_access_token;
  const opened = shareToken === undefined ? null : await services.shareAccess.openByToken(shareToken);
  const items = batchItems(input.request).map((item, index) => {
    const library = itemOptionalString(item, 'copyFromLibraryId', index);
    const fromSpaceId = itemOptionalString(item, 'copyFromSpaceId', index);
    if (opened) {
      if ((library !== undefined && library !== opened.share.libraryId) || (fromSpaceId !== undefined && fromSpaceId !== opened.share.spaceId)) {
        throw new SmhError('ShareTokenInvalid', `Item ${index}: the share access token is for another library or space.`);
      }
    } else if (library !== undefined && library !== input.actor.library.id) {
      throw new SmhError('ParamInvalid', `Item ${index}: copying from another library needs a share_access_token.`);
    }
    itemFlag(item, 'moveAuthority', index); // sent by Android/iOS on copies too; meaningless here
    return {
      from: itemPath(item, 'copyFrom', index),
      to: itemPath(item, 'to', index),
      strategy: itemStrategy(item, index),
      fromSpaceId: opened || fromSpaceId === input.spaceId ? undefined : fromSpaceId,
    };
  });
  if (opened) {
    const submitted = await services.shareAccess.copyBatch(opened, input.actor, input.spaceId, items);
    return sendSubmitted(input, { kind: 'copy', items }, submitted);
  }
  const request: BatchRequest = { kind: 'copy', items };
  return sendSubmitted(input, request, await services.batch.submit(input.actor, input.spaceId, request));
}
