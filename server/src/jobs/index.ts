import type { BatchService } from '../services/batch.service.js';
import type { FileOpsServices } from '../services/file-ops.js';
import { batchTaskJobs } from './batch-task.js';
import { calibrateDirectoryStatsJob } from './calibrate-directory-stats.js';
import { clearLibraryHistoryJob } from './clear-library-history.js';
import { emptyRecycleBinJob } from './empty-recycle-bin.js';
import type { JobHandler } from './job.js';
import { prepareMediaJob } from './prepare-media.js';
import type { MediaInfoService } from '../services/media-info.service.js';
import type { RenditionService } from '../services/rendition.service.js';
import { uncompressArchiveJob } from './uncompress-archive.js';

/**
 * Every background job kind the worker runs. A job file exports one JobHandler; add it here.
 * (SMH's async tasks — batch copy/move/delete, recycle-bin restore/empty, history clearing — are
 * jobs whose rows back the task API.) `extra` comes last: the worker keeps the last handler of a
 * name, so a test can stand in for a built-in kind (e.g. to simulate a crash mid-job).
 */
export function jobHandlers(
  deps: { batch: BatchService; renditions: RenditionService; mediaInfo: MediaInfoService; fileOps: FileOpsServices },
  extra: readonly JobHandler[] = [],
): JobHandler[] {
  return [
    ...batchTaskJobs(deps.batch),
    emptyRecycleBinJob,
    clearLibraryHistoryJob,
    prepareMediaJob(deps),
    calibrateDirectoryStatsJob,
    uncompressArchiveJob(deps.fileOps.archives),
    ...extra,
  ];
}
