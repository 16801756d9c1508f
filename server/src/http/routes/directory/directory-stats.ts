import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** GET …?stats=1&stats_type=normal — the directory's subtree counters (dirs.md D11). */
export async function directoryStats(services: Services, input: SpaceRequest): Promise<unknown> {
  const stats = await services.usage.directory(input.actor, input.spaceId, input.path, input.query.stats_type);
  return { userId: stats.userId, statsType: stats.statsType, storage: stats.bytes, fileCount: stats.files, dirCount: stats.dirs };
}
