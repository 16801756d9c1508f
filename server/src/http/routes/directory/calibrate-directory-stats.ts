import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { sendTaskAccepted } from '../task-accepted.js';

/** PUT …?calibrate=1&stats_type=normal — recount a directory's statistics as a task (dirs.md D12). */
export async function calibrateDirectoryStats(services: Services, input: SpaceRequest): Promise<unknown> {
  const taskId = await services.fileOps.calibrate.start(input.actor, input.spaceId, input.path, input.query.stats_type);
  return sendTaskAccepted(input.reply, taskId);
}
