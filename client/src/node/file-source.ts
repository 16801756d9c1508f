import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { UploadSource } from '../source.js';

/** An upload source over a local file, read by range (so parts can be read in parallel and again after a crash). */
export async function fileSource(path: string): Promise<UploadSource & { mtimeMs: number }> {
  const handle = await open(path, 'r');
  const stats = await handle.stat();
  return {
    size: stats.size,
    name: basename(path),
    mtimeMs: stats.mtimeMs,
    async read(start, end) {
      const buffer = Buffer.allocUnsafe(end - start);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
        if (bytesRead === 0) {
          throw new Error(`${path} shrank while reading (wanted bytes ${start}-${end})`);
        }
        filled += bytesRead;
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
    },
    close: () => handle.close(),
  };
}
