import { faultPoint } from '../lib/fault-points.js';
import type { Clock } from '../services/deps.js';
import { SYSTEM_CLOCK } from '../services/deps.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';

const JOINED_SUFFIX = '-joined';

/**
 * Deletes bytes nothing references: what a crash left between writing a blob and committing its
 * row, or between a commit and deleting a freed blob. A blob is deleted only once it has stayed
 * unreferenced for `graceMs` (and at least across two passes), so a blob written a moment ago
 * and about to be committed is safe. When each key was first seen unreferenced is kept in the
 * database (`orphan_candidates`), so a restart does not reset the clock and nodes share it.
 * Each node may run its own sweep; deleting an already deleted blob is harmless.
 */
export class OrphanBlobSweep {
  private readonly clock: Clock;
  private readonly graceMs: number;

  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock?: Clock; graceMs?: number }) {
    this.clock = deps.clock ?? SYSTEM_CLOCK;
    this.graceMs = deps.graceMs ?? 0;
  }

  private async isReferenced(key: string): Promise<boolean> {
    if ((await this.deps.meta.blobs.isReferenced(key)) || (await this.deps.meta.renditions.isRendition(key))) {
      return true;
    }
    // A multipart join writes `<confirmKey>-joined` before the task records it.
    return key.endsWith(JOINED_SUFFIX) && (await this.deps.meta.uploads.get(key.slice(0, -JOINED_SUFFIX.length))) !== null;
  }

  /** One pass; returns how many blobs it deleted. */
  async run(): Promise<number> {
    const passStart = this.clock.now();
    let deleted = 0;
    for await (const key of this.deps.blob.listKeys()) {
      if (await this.isReferenced(key)) {
        continue;
      }
      const now = this.clock.now();
      const firstSeen = await this.deps.meta.orphans.sighted(key, now);
      if (firstSeen !== null && now - firstSeen >= this.graceMs) {
        // Re-checked right before deleting: a confirm may have committed during the pass.
        if (await this.isReferenced(key)) {
          continue;
        }
        faultPoint('job.sweep-orphan-blobs.before-delete');
        await this.deps.blob.delete(key);
        await this.deps.meta.orphans.forget(key);
        deleted += 1;
      }
    }
    await this.deps.meta.orphans.forgetUnseenSince(passStart);
    return deleted;
  }
}
