import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, statfs, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SmhError } from '../../errors/smh-error.js';
import { faultPoint } from '../../lib/fault-points.js';
import { newHexId } from '../../lib/ids.js';
import { BlobNotFoundError, type BlobStore, type ByteRange } from './blob-store.js';
import { assertSafeKey, fannedOut } from './key.js';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** A full disk or exhausted quota becomes SMH's 507 StorageFull, keeping the system error as its cause. */
function mapDiskFull(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code && DISK_FULL.has(code) ? new SmhError('StorageFull', undefined, { cause: error }) : error;
}

/** fsync of a directory, so a rename into it survives a power cut, not only a process crash. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Blobs as files under `root`: `blobs/ab/cd/<key>`, multipart parts under `parts/<uploadId>/`.
 * Every write goes to `tmp/` on the same filesystem, is fsynced, then renamed into place, so a
 * reader or a crash never sees a half-written blob.
 */
const READ_CHUNK = 1024 * 1024;

export class LocalBlobStore implements BlobStore {
  readonly capabilities = { presign: false, nativeMultipart: false } as const;
  private readonly root: string;

  private constructor(root: string) {
    this.root = resolve(root);
  }

  static async open(root: string): Promise<LocalBlobStore> {
    const store = new LocalBlobStore(root);
    await mkdir(join(store.root, 'blobs'), { recursive: true });
    await mkdir(join(store.root, 'parts'), { recursive: true });
    // Leftovers in tmp/ are writes that never finished; nothing references them.
    await rm(join(store.root, 'tmp'), { recursive: true, force: true });
    await mkdir(join(store.root, 'tmp'), { recursive: true });
    return store;
  }

  /** Defence in depth: whatever the key, the resolved path stays under the root. */
  private guarded(...parts: string[]): string {
    const full = resolve(this.root, ...parts);
    if (!full.startsWith(this.root + sep)) {
      throw new BlobNotFoundError(parts.join('/'));
    }
    return full;
  }

  private blobPath(key: string): string {
    return this.guarded('blobs', fannedOut(key));
  }

  private partPath(uploadId: string, partNumber: number): string {
    assertSafeKey(uploadId);
    return this.guarded('parts', uploadId, String(partNumber));
  }

  private async writeAtomically(target: string, body: Readable, signal?: AbortSignal): Promise<number> {
    const temp = this.guarded('tmp', newHexId());
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    try {
      await pipeline(body, createWriteStream(temp, { flags: 'wx' }), { signal });
      faultPoint('blob.local.before-fsync');
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(resolve(target, '..'), { recursive: true });
      await rename(temp, target);
      await syncDirectory(resolve(target, '..'));
      return size;
    } catch (error) {
      // The temp file goes at once: on a full disk its bytes are exactly what deletes need.
      await unlink(temp).catch(() => undefined);
      throw mapDiskFull(error);
    }
  }

  async put(key: string, body: Readable, options?: { signal?: AbortSignal }): Promise<{ size: number }> {
    const size = await this.writeAtomically(this.blobPath(key), body, options?.signal);
    return { size };
  }

  localFile(key: string): { absolute: string; relative: string } {
    return { absolute: this.blobPath(key), relative: fannedOut(key) };
  }

  async get(key: string, options?: { range?: ByteRange }): Promise<Readable> {
    const path = this.blobPath(key);
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new BlobNotFoundError(key) : error;
    });
    // 1 MiB reads: 16× fewer syscalls, stream events and socket writes than the 64 KiB default,
    // which is most of what separates a Node stream from sendfile (bench/). A known end keeps
    // small files from allocating the full megabyte per read.
    const end = options?.range?.end ?? (await handle.stat()).size - 1;
    return createReadStream('', {
      fd: handle,
      start: options?.range?.start,
      end: Math.max(end, 0),
      highWaterMark: READ_CHUNK,
    });
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.blobPath(key));
      return { size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.blobPath(key), { force: true });
  }

  async putPart(
    uploadId: string,
    partNumber: number,
    body: Readable,
    options?: { signal?: AbortSignal },
  ): Promise<{ size: number }> {
    const size = await this.writeAtomically(this.partPath(uploadId, partNumber), body, options?.signal);
    return { size };
  }

  async completeMultipart(uploadId: string, partNumbers: readonly number[], key: string, options?: { onData?: (chunk: Buffer) => void }): Promise<void> {
    const temp = this.guarded('tmp', newHexId());
    try {
      const output = await open(temp, 'wx');
      try {
        for (const partNumber of partNumbers) {
          for await (const chunk of createReadStream(this.partPath(uploadId, partNumber))) {
            options?.onData?.(chunk as Buffer);
            await output.write(chunk as Buffer);
          }
        }
        await output.sync();
      } finally {
        await output.close();
      }
      faultPoint('blob.local.join.before-rename');
      const target = this.blobPath(key);
      await mkdir(resolve(target, '..'), { recursive: true });
      await rename(temp, target);
      await syncDirectory(resolve(target, '..'));
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw mapDiskFull(error);
    }
    await this.abortMultipart(uploadId);
  }

  async abortMultipart(uploadId: string): Promise<void> {
    assertSafeKey(uploadId);
    await rm(this.guarded('parts', uploadId), { recursive: true, force: true });
  }

  async freeBytes(): Promise<number | null> {
    const info = await statfs(this.root);
    return info.bavail * info.bsize;
  }

  async *listKeys(): AsyncIterable<string> {
    const base = this.guarded('blobs');
    for (const first of await readdir(base).catch(() => [])) {
      for (const second of await readdir(join(base, first)).catch(() => [])) {
        for (const key of await readdir(join(base, first, second)).catch(() => [])) {
          yield key;
        }
      }
    }
  }

  async close(): Promise<void> {}
}
