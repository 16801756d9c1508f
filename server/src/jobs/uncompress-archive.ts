import type { ArchiveService } from '../services/archive.service.js';
import { UNCOMPRESS_JOB, type UncompressPayload } from '../services/archive/uncompress-run.js';
import type { JobHandler } from './job.js';

/** files.md §8.9 uncompress: a crash-safe, resumable extraction (services/archive/uncompress-run.ts). */
export function uncompressArchiveJob(archives: ArchiveService): JobHandler {
  return {
    name: UNCOMPRESS_JOB,
    handle: (ctx, payload) => archives.run(ctx.job, payload as UncompressPayload, ctx.signal),
  };
}
