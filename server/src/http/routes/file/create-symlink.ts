import { toSegments } from '../../../lib/smh-path.js';
import { bodyObject, strategyParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { defaultStrategy } from '../default-strategy.js';
import type { SpaceRequest } from '../params.js';

/**
 * PUT /api/v1/file/{L}/{S}/{LinkPath} with `{linkTo}` — a symbolic link (files.md §8.4).
 * Android sends `force=1|0` instead of a strategy: 1 = overwrite, 0 = ask.
 */
export async function createSymlink(services: Services, input: SpaceRequest): Promise<unknown> {
  const force = input.query.force;
  const fallback = force === '1' ? 'overwrite' : force === '0' ? 'ask' : defaultStrategy(input.actor, 'rename');
  const strategy = strategyParam(input.query, fallback);
  const path = await services.fileOps.symlinks.create(input.actor, input.spaceId, input.path, bodyObject(input.request).linkTo, strategy);
  return input.reply.send({ path: toSegments(path) });
}
