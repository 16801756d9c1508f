import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';

const JOINED_SUFFIX = '-joined';

/**
 * Deletes bytes nothing references: what a crash left between writing a blob and committing its
 * row, or between a commit and deleting a freed blob. A blob is deleted only when two sweeps in a
 * row find it unreferenced, so a blob written a moment ago and about to be committed is safe
 * (the window between a write and its row is milliseconds; sweeps are an hour apart).
 * Each node may run its own sweep; deleting an already deleted blob is harmless.
 */
export class OrphanBlobSweep {
  private candidates = new Set<string>();

  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore }) {}

  private async isReferenced(key: string): Promise<boolean> {
    if ((await this.deps.meta.blobs.isReferenced(key)) || (await this.deps.meta.renditions.isRendition(key))) {
      return true;
    }
    // A multipart join writes `<confirmKey>-joined` before the task records it.
    return key.endsWith(JOINED_SUFFIX) && (await this.deps.meta.uploads.get(key.slice(0, -JOINED_SUFFIX.length))) !== null;
  }

  /** One pass; returns how many blobs it deleted. */
  async run(): Promise<number> {
    const unreferenced = new Set<string>();
    let deleted = 0;
    for await (const key of this.deps.blob.listKeys()) {
      if (await this.isReferenced(key)) {
        continue;
      }
      if (this.candidates.has(key)) {
        await this.deps.blob.delete(key);
        deleted += 1;
      } else {
        unreferenced.add(key);
      }
    }
    this.candidates = unreferenced;
    return deleted;
  }
}
