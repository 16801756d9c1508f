import type { BatchRequest } from '../../../services/batch-items.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { batchItems, itemFlag, itemPath, sendSubmitted } from './batch-body.js';

/** POST /api/v1/batch/{L}/{S}?delete — B1, body `[{path, permanent}]`. */
export async function batchDelete(services: Services, input: SpaceRequest): Promise<unknown> {
  const items = batchItems(input.request).map((item, index) => ({
    path: itemPath(item, 'path', index),
    permanent: itemFlag(item, 'permanent', index),
  }));
  const request: BatchRequest = { kind: 'delete', items };
  return sendSubmitted(input, request, await services.batch.submit(input.actor, input.spaceId, request));
}
