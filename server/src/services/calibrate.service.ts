import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import type { FileTaskPayload, FileTaskResult } from './file-task-jobs.js';
import { openSpace } from './space-context.js';
import { snapshotActor } from './task-jobs.js';

export const CALIBRATE_JOB = 'calibrate-directory-stats';
const STATS_TYPES = ['normal', 'recycle', 'history'];

export interface CalibratePayload extends FileTaskPayload {
  readonly path: string;
  readonly statsType: string;
}

/**
 * D12. SMH keeps directory counters that lag writes and can drift, so it offers a task that
 * recounts them. Here D11 reads its counters with one aggregate query at request time, so they
 * are always exact; the task still recounts the subtree in the background, from a consistent
 * snapshot, and reports what it counted in its result — clients that calibrate and then poll
 * the task see the same numbers a D11 call gives.
 */
export class CalibrateService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  async start(actor: Actor, spaceId: string, rawPath: string, statsType: string | undefined): Promise<number> {
    requireGrant(actor, 'space_admin');
    const type = statsType === undefined || statsType === '' ? 'normal' : statsType;
    if (!STATS_TYPES.includes(type)) {
      throw new SmhError('InvalidDirectoryStatsType', `stats_type must be one of ${STATS_TYPES.join(', ')}.`);
    }
    if (type !== 'normal') {
      throw new SmhError('InvalidDirectoryStatsType', `stats_type ${type} is not supported by this server; use normal.`);
    }
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const path = parseSmhPath(rawPath, 'dir', ctx.rules.maxNameLength);
    const directory = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!directory || directory.type !== 'dir') {
      throw new SmhError('DirectoryNotFound');
    }
    const payload: CalibratePayload = { actor: snapshotActor(actor), path: path.path, statsType: type };
    return this.deps.meta.jobs.enqueue({ name: CALIBRATE_JOB, payload, libraryId: ctx.libraryId, spaceId: ctx.spaceId, userId: actor.userId }, this.deps.clock.now());
  }

  /** The job's work: idempotent (it only reads), so a re-run after a crash gives the same kind of answer. */
  async run(libraryId: string, spaceId: string, payload: CalibratePayload): Promise<FileTaskResult> {
    const directory = await this.deps.meta.entries.get(libraryId, spaceId, payload.path);
    if (!directory || directory.type !== 'dir') {
      return { status: 400, result: { status: 404, code: 'DirectoryNotFound', message: 'The directory was removed before it was calibrated.' } };
    }
    const stats = await this.deps.meta.quotas.subtreeStats(libraryId, spaceId, payload.path);
    return {
      status: 200,
      result: { status: 200, code: 'Success', statsType: payload.statsType, storage: stats.bytes, fileCount: stats.files, dirCount: stats.dirs },
    };
  }
}
