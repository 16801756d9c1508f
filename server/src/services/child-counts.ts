import type { Entry, MetaStore } from '../stores/meta/meta-store.js';

const CAPACITY = 4096;

/**
 * A directory's file and subdirectory counts, remembered per directory revision. Every change to
 * a directory's children bumps its revision (its eTag), so counts cached under one revision are
 * exactly as current as the eTag the listing sends with them — and paging through a big folder,
 * or listing it again unchanged, counts its children once, not once per page. This needs no
 * counter row that parallel uploads into one folder would fight over. A miss counts from the
 * listing index alone (migration 0013), without reading table rows.
 */
export class ChildCounts {
  private readonly cache = new Map<string, { files: number; dirs: number }>();

  constructor(private readonly meta: MetaStore) {}

  async of(directory: Entry): Promise<{ files: number; dirs: number }> {
    const key = `${directory.libraryId}\u0000${directory.spaceId}\u0000${directory.id}\u0000${directory.revision}`;
    const hit = this.cache.get(key);
    if (hit) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const counts = await this.meta.entries.countChildren(directory.libraryId, directory.spaceId, directory.path);
    this.cache.set(key, counts);
    if (this.cache.size > CAPACITY) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
    return counts;
  }
}
