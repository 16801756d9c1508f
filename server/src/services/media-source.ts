import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry } from '../stores/meta/meta-store.js';

/** What rendering needs to know about a file: its bytes and how to read them. */
export type MediaSource = Pick<Entry, 'blobKey' | 'name' | 'contentType' | 'size'>;

/**
 * Runs `fn` with the blob's bytes in a private temporary file (the media tools read files, and
 * sharp and ffmpeg seek), removed afterwards whatever happens. The extension is kept because
 * some decoders (ffmpeg for raw streams, LibreOffice) go by it.
 */
export async function withSourceFile<T>(blob: BlobStore, key: string, name: string, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'opensmh-media-'));
  try {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
    const path = join(dir, `source${ext.toLowerCase()}`);
    await pipeline(await blob.get(key), createWriteStream(path, { mode: 0o600 }));
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first `limit` bytes of a blob (text previews read no more than that). */
export async function readHead(blob: BlobStore, key: string, size: number, limit: number): Promise<Buffer> {
  if (size === 0) {
    return Buffer.alloc(0);
  }
  const stream = await blob.get(key, { range: { start: 0, end: Math.min(size, limit) - 1 } });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
