import { SmhError } from '../../../errors/smh-error.js';
import { toSegments } from '../../../lib/smh-path.js';
import { bodyObject, strategyParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { defaultStrategy } from '../default-strategy.js';
import type { SpaceRequest } from '../params.js';
import { sendTaskAccepted } from '../task-accepted.js';

const DIRECTORY_STRATEGIES = ['ask', 'rename'] as const;

/**
 * PUT /api/v1/cross-space/directory/{L}/{S}/copy/{DirPath} (D8), body `{copyFrom, copyFromSpaceId}`:
 * `{S}` is the target space. 200 `{path}` when copied at once (the SDKs model the answer as
 * `{taskId?, path?}`), 202 `{taskId}` for a large tree.
 */
export async function copyDirectoryCrossSpace(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  if (typeof body.copyFromSpaceId !== 'string' || body.copyFromSpaceId === '') {
    throw new SmhError('ParamInvalid', 'copyFromSpaceId must name the source space.');
  }
  const strategy = strategyParam(input.query, defaultStrategy(input.actor, 'ask', DIRECTORY_STRATEGIES), DIRECTORY_STRATEGIES);
  const done = await services.batch.copyDirectory(input.actor, input.spaceId, input.path, body.copyFrom, strategy, body.copyFromSpaceId);
  if ('taskId' in done) {
    return sendTaskAccepted(input.reply, done.taskId);
  }
  return input.reply.send({ path: toSegments(done.path) });
}
