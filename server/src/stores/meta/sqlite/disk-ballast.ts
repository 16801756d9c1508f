import { open, rename, statfs, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MetaStore } from '../meta-store.js';

const RECREATE_EVERY_MS = 60_000;
const CHUNK = 1024 * 1024;

function isDiskFull(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * A file of reserved bytes next to the SQLite database. SQLite needs a little free space even to
 * delete (the WAL grows before pages are freed), so on a disk that something else filled to the
 * last byte, deletes would fail like writes. When a transaction fails for lack of space, the
 * ballast is deleted and the transaction re-run once: deletes, purges and cancels go through and
 * free space. The ballast is re-created later, once there is room for it again.
 */
export class DiskBallast {
  private released = false;
  private lastEnsure = 0;

  constructor(
    private readonly file: string,
    private readonly bytes: number,
  ) {}

  /** Writes the ballast if it is missing and the disk has twice its size free (best effort). */
  async ensure(): Promise<void> {
    this.lastEnsure = Date.now();
    if (this.bytes <= 0) {
      return;
    }
    try {
      const info = await statfs(dirname(this.file));
      if (info.bavail * info.bsize < 2 * this.bytes) {
        return;
      }
      const temp = `${this.file}.tmp`;
      const handle = await open(temp, 'w');
      try {
        const zeros = Buffer.alloc(CHUNK);
        for (let written = 0; written < this.bytes; written += CHUNK) {
          await handle.write(zeros, 0, Math.min(CHUNK, this.bytes - written));
        }
        // no fsync: the blocks are allocated by the write, and a ballast lost in a crash is re-made
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
      this.released = false;
    } catch {
      await unlink(`${this.file}.tmp`).catch(() => undefined);
    }
  }

  /** Deletes the ballast; true when there was one to delete. */
  async release(): Promise<boolean> {
    if (this.bytes <= 0) {
      return false;
    }
    try {
      await unlink(this.file);
      this.released = true;
      process.emitWarning(`disk full: released the ${Math.round(this.bytes / CHUNK)} MiB SQLite ballast (${this.file}) so deletes can commit`, 'OpenSMHDiskFull');
      return true;
    } catch {
      return false;
    }
  }

  /** Runs `work`; on a full disk releases the ballast and runs it once more. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      if (this.released && Date.now() - this.lastEnsure > RECREATE_EVERY_MS) {
        void this.ensure();
      }
      return result;
    } catch (error) {
      if (isDiskFull(error) && (await this.release())) {
        return work();
      }
      throw error;
    }
  }
}

/** The store with its transactions guarded by the ballast. */
export function withBallast(store: MetaStore, ballast: DiskBallast): MetaStore {
  return { ...store, transaction: (fn) => ballast.guard(() => store.transaction(fn)) };
}
