import { statfs } from 'node:fs/promises';
import { SmhError } from '../errors/smh-error.js';
import type { BlobStore } from '../stores/blob/blob-store.js';

type Probe = () => Promise<number | null>;

/**
 * Keeps a free-space reserve on the disks this node writes to (issue 10 item 1). Upload bytes are
 * refused with 507 StorageFull before they would eat into the reserve, so what is left is there
 * for the metadata database: deletes, recycle-bin purges and cancels still commit on a disk that
 * uploads filled, and that is how space gets freed again.
 */
export class FreeSpaceGuard {
  private readonly probes: Probe[];

  /** `dataDir` is the embedded SQLite database's folder (null with PostgreSQL). */
  constructor(private readonly deps: { blob: BlobStore; dataDir: string | null; reserveBytes: number }) {
    this.probes = [];
    if (deps.blob.freeBytes) {
      const blob = deps.blob;
      this.probes.push(() => blob.freeBytes?.() ?? Promise.resolve(null));
    }
    if (deps.dataDir !== null) {
      const dir = deps.dataDir;
      this.probes.push(async () => {
        const info = await statfs(dir);
        return info.bavail * info.bsize;
      });
    }
  }

  /** Refuses an upload of `incomingBytes` (0 when unknown) that would leave less than the reserve free. */
  async assertRoomFor(incomingBytes: number): Promise<void> {
    if (this.deps.reserveBytes <= 0) {
      return;
    }
    for (const probe of this.probes) {
      const free = await probe().catch(() => null);
      if (free !== null && free - incomingBytes < this.deps.reserveBytes) {
        throw new SmhError('StorageFull', 'The storage is full: free space is below the reserve kept for deletes. Delete files or add space.');
      }
    }
  }
}
