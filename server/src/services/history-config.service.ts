import { SmhError } from '../errors/smh-error.js';
import type { MetaRepos, MetaStore } from '../stores/meta/meta-store.js';
import { requireAdmin } from './access.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { applyHistoryConfig, type HistoryConfigPatch } from './history-config.js';
import type { LibrarySettings } from './library-settings.js';

/** Job kind that clears a library's history in the background (jobs/clear-library-history.ts). */
export const CLEAR_LIBRARY_HISTORY_JOB = 'clear-library-history';

export interface ClearHistoryPayload {
  libraryId: string;
  /** versions archived before this instant go; later ones belong to a history enabled again since */
  before: number;
}

/** A clear-history task as T4 shows it: 202 running, 200 done (with the count), 500 failed. */
export interface HistoryTask {
  id: number;
  status: 202 | 200 | 500;
  deleteCount: number | null;
}

export type HistoryConfig = Pick<LibrarySettings, 'enableFileHistory' | 'fileHistoryCount' | 'fileHistoryExpireDay' | 'fileHistoryMergeInterval'>;

/** The library-level history API (files.md §9.5–9.7, dirs.md §7 T4); admin only. */
export class HistoryConfigService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  get(actor: Actor): HistoryConfig {
    requireAdmin(actor);
    const { enableFileHistory, fileHistoryCount, fileHistoryExpireDay, fileHistoryMergeInterval } = actor.library.settings;
    return { enableFileHistory, fileHistoryCount, fileHistoryExpireDay, fileHistoryMergeInterval };
  }

  /**
   * H5: applies at once (SMH takes about a minute). `isClearFileHistory` on a disabled history
   * also queues the clearing; returns whether it did, so the caller can wake a worker.
   */
  async set(actor: Actor, patch: HistoryConfigPatch): Promise<boolean> {
    requireAdmin(actor);
    const now = this.deps.clock.now();
    return this.deps.meta.transaction(async (tx) => {
      const library = await tx.libraries.get(actor.library.id);
      if (!library) {
        throw new SmhError('LibraryNotFound');
      }
      const settings = applyHistoryConfig(library.settings, patch);
      await tx.libraries.update({ ...library, settings, updatedAt: now });
      if (patch.isClearFileHistory === true && !settings.enableFileHistory) {
        await this.enqueueClear(tx, actor, now);
        return true;
      }
      return false;
    });
  }

  /** H6: queues the clearing and returns its task id; history must be disabled first. */
  async clear(actor: Actor): Promise<number> {
    requireAdmin(actor);
    if (actor.library.settings.enableFileHistory) {
      throw new SmhError('FileHistoryEnabled');
    }
    return this.enqueueClear(this.deps.meta, actor, this.deps.clock.now());
  }

  private async enqueueClear(repos: Pick<MetaRepos, 'jobs'>, actor: Actor, now: number): Promise<number> {
    const payload: ClearHistoryPayload = { libraryId: actor.library.id, before: now + 1 };
    return repos.jobs.enqueue({ name: CLEAR_LIBRARY_HISTORY_JOB, payload, libraryId: actor.library.id, userId: actor.userId }, now);
  }

  /** T4 for a clear-history task of this library; null when `id` is no such task (the task API decides then). */
  async task(actor: Actor, id: number): Promise<HistoryTask | null> {
    const job = await this.deps.meta.jobs.get(id);
    if (!job || job.name !== CLEAR_LIBRARY_HISTORY_JOB || job.libraryId !== actor.library.id) {
      return null;
    }
    requireAdmin(actor);
    if (job.status === 'succeeded') {
      return { id, status: 200, deleteCount: (job.result as { deleteCount: number }).deleteCount };
    }
    return { id, status: job.status === 'failed' ? 500 : 202, deleteCount: null };
  }
}
