import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { IHasher } from 'hash-wasm';
import { crc64HexToDecimal, newCrc64Hasher } from './crc64.js';

/** SMH's instant-upload hashes work on 1 MiB chunks. */
export const HASH_CHUNK_SIZE = 1024 * 1024;

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
 * A pass-through stream that computes size, MD5, CRC64 and SMH's quick-upload hashes while the
 * bytes flow to storage, so no file is ever read twice to checksum it.
 */
export class HashingStream extends Transform {
  private readonly md5: Hash = createHash('md5');
  private readonly crc: IHasher;
  private chunkHash: Hash = createHash('sha256');
  private chunkFill = 0;
  private chainValue: Buffer | null = null;
  private beginning: string | null = null;
  private size = 0;

  private constructor(crc: IHasher) {
    super();
    this.crc = crc;
  }

  static async create(): Promise<HashingStream> {
    return new HashingStream(await newCrc64Hasher());
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    this.md5.update(chunk);
    this.crc.update(chunk);
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(HASH_CHUNK_SIZE - this.chunkFill, chunk.length - offset);
      this.chunkHash.update(chunk.subarray(offset, offset + take));
      this.chunkFill += take;
      offset += take;
      if (this.chunkFill === HASH_CHUNK_SIZE) {
        this.closeChunk();
      }
    }
    callback(null, chunk);
  }

  private closeChunk(): void {
    this.chainValue = this.chunkHash.digest();
    if (this.beginning === null) {
      this.beginning = this.chainValue.toString('hex');
    }
    this.chunkHash = createHash('sha256').update(this.chainValue);
    this.chunkFill = 0;
  }

  /** Call after the stream has ended. */
  digest(): ContentDigest {
    if (this.chunkFill > 0 || this.chainValue === null) {
      this.closeChunk();
    }
    const chain = this.chainValue as Buffer;
    return {
      size: this.size,
      md5: this.md5.digest('hex'),
      crc64: crc64HexToDecimal(this.crc.digest('hex')),
      beginningHash: this.beginning ?? chain.toString('hex'),
      fullHash: chain.toString('hex'),
    };
  }
}
