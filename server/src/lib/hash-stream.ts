import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc64HexToDecimal, newCrc64Hasher } from './crc64.js';
import { ParallelHash } from './hash-pool.js';
import { QuickHasher } from './quick-hash.js';

export { HASH_CHUNK_SIZE } from './quick-hash.js';

export interface ContentDigest {
  size: number;
  md5: string;
  crc64: string;
  /** hex SHA-256 of the first 1 MiB */
  beginningHash: string;
  /** SMH's chained SHA-256 over 1 MiB chunks (files.md §4.1) */
  fullHash: string;
}

/**
 * Streams up to this size are hashed on the event loop when they end (a few milliseconds);
 * bigger ones on the hashing threads (hash-pool.ts) while their bytes flow, where MD5, CRC-64
 * and the SHA-256 chain run in parallel instead of one after another on the event loop.
 */
export const PARALLEL_HASH_FROM = 2 * 1024 * 1024;

/**
 * A pass-through stream that computes size, MD5, CRC64 and SMH's quick-upload hashes while the
 * bytes flow to storage, so no file is ever read twice to checksum it. Chunks pass downstream at
 * once; the hashes never hold the bytes back by more than the hash pool's few MiB of slots.
 */
export class HashingStream extends Transform {
  private size = 0;
  /** the first chunks, kept (not copied) until the stream proves small or large */
  private held: Buffer[] = [];
  private parallel: ParallelHash | null = null;
  private result: ContentDigest | null = null;

  static async create(): Promise<HashingStream> {
    return new HashingStream();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.parallel) {
      this.parallel.write(chunk).then(() => callback(null, chunk), callback);
      return;
    }
    this.held.push(chunk);
    if (this.size < PARALLEL_HASH_FROM) {
      callback(null, chunk);
      return;
    }
    const parallel = new ParallelHash();
    this.parallel = parallel;
    const held = this.held;
    this.held = [];
    (async () => {
      for (const piece of held) {
        await parallel.write(piece);
      }
    })().then(() => callback(null, chunk), callback);
  }

  override _flush(callback: TransformCallback): void {
    const done = this.parallel ? this.parallel.finish() : hashInline(this.held);
    this.held = [];
    done.then((hashes) => {
      this.result = {
        size: this.size,
        md5: hashes.md5 as string,
        crc64: hashes.crc64 as string,
        beginningHash: hashes.beginningHash as string,
        fullHash: hashes.fullHash as string,
      };
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.parallel?.abort();
    this.held = [];
    callback(error);
  }

  /** Call after the stream has ended. */
  digest(): ContentDigest {
    if (!this.result) {
      throw new Error('HashingStream.digest() called before the stream ended');
    }
    return this.result;
  }
}

async function hashInline(chunks: readonly Buffer[]): Promise<Partial<ContentDigest>> {
  const md5 = createHash('md5');
  const crc = await newCrc64Hasher();
  const quick = new QuickHasher();
  for (const chunk of chunks) {
    md5.update(chunk);
    crc.update(chunk);
    quick.update(chunk);
  }
  return { md5: md5.digest('hex'), crc64: crc64HexToDecimal(crc.digest('hex')), ...quick.digest() };
}
