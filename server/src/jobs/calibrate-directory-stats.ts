import { CALIBRATE_JOB, type CalibratePayload, CalibrateService } from '../services/calibrate.service.js';
import type { JobHandler } from './job.js';

/** D12's task: recounts a directory subtree (services/calibrate.service.ts). */
export const calibrateDirectoryStatsJob: JobHandler = {
  name: CALIBRATE_JOB,
  async handle(ctx, payload) {
    return new CalibrateService(ctx).run(ctx.job.libraryId, ctx.job.spaceId, payload as CalibratePayload);
  },
};
