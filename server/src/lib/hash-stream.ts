import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { IHasher } from 'hash-wasm';
import { crc64HexToDecimal, newCrc64Hasher } from './crc64.js';
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
 * A pass-through stream that computes size, MD5, CRC64 and SMH's quick-upload hashes while the
 * bytes flow to storage, so no file is ever read twice to checksum it.
 */
export class HashingStream extends Transform {
  private readonly md5: Hash = createHash('md5');
  private readonly crc: IHasher;
  private readonly quick = new QuickHasher();
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
    this.quick.update(chunk);
    callback(null, chunk);
  }

  /** Call after the stream has ended. */
  digest(): ContentDigest {
    return {
      size: this.size,
      md5: this.md5.digest('hex'),
      crc64: crc64HexToDecimal(this.crc.digest('hex')),
      ...this.quick.digest(),
    };
  }
}
