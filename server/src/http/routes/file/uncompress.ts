import { bodyObject, strategyParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { defaultStrategy } from '../default-strategy.js';
import type { SpaceRequest } from '../params.js';
import { sendTaskAccepted } from '../task-accepted.js';

/**
 * POST …/{Path}?uncompress body `{targetPath, targetSpaceId?, selectedFilePaths?, password?}` →
 * 202 `{taskId}` (files.md §8.9). The archive is checked before the task is queued, so unsafe or
 * oversized archives are refused here; the task's result is `{status, code, path, paths, …}`.
 */
export async function uncompressFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const strategy = strategyParam(input.query, defaultStrategy(input.actor, 'rename'));
  const body = bodyObject(input.request);
  const taskId = await services.fileOps.archives.startUncompress(input.actor, input.spaceId, input.path, body as { targetPath: unknown }, strategy);
  return sendTaskAccepted(input.reply, taskId);
}
