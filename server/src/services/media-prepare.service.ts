import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { Clock } from './deps.js';

export const PREPARE_MEDIA_JOB = 'prepare-media';

/**
 * Queues the prepare-media job (jobs/prepare-media.ts) for a photo or video just confirmed in an
 * album library (entry type `image`/`video` exists only there, dirs.md §3). Best effort: a
 * failure to queue only means the thumbnail is rendered on first request instead.
 */
export class MediaPrepareService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock; size: number; onQueued: () => void }) {}

  async afterUpload(entry: Entry): Promise<void> {
    if (this.deps.size <= 0 || (entry.type !== 'image' && entry.type !== 'video') || !entry.blobKey) {
      return;
    }
    const source = { blobKey: entry.blobKey, name: entry.name, contentType: entry.contentType, size: entry.size };
    try {
      await this.deps.meta.jobs.enqueue(
        { name: PREPARE_MEDIA_JOB, payload: { source, size: this.deps.size }, libraryId: entry.libraryId, spaceId: entry.spaceId, maxAttempts: 2 },
        this.deps.clock.now(),
      );
      this.deps.onQueued();
    } catch {
      // rendered lazily instead
    }
  }
}
