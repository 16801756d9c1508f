import { createHash, type Hash } from 'node:crypto';

/** SMH's instant-upload hashes work on 1 MiB chunks. */
export const HASH_CHUNK_SIZE = 1024 * 1024;

export interface QuickHashes {
  /** hex SHA-256 of the first 1 MiB */
  beginningHash: string;
  /** SMH's chained SHA-256 over 1 MiB chunks (files.md §4.1) */
  fullHash: string;
}

/**
 * SMH's quick-upload hashes, fed chunk by chunk in file order. The chain makes every chunk
 * depend on all before it, so the bytes must pass through one hasher sequentially: parts that
 * arrive in parallel can only be hashed when they are joined (multipart-assembly.ts).
 */
export class QuickHasher {
  private chunkHash: Hash = createHash('sha256');
  private chunkFill = 0;
  private chainValue: Buffer | null = null;
  private beginning: string | null = null;
  /** bytes seen so far, so a caller can tell whether every byte passed through */
  bytes = 0;

  update(chunk: Buffer): void {
    this.bytes += chunk.length;
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
  }

  private closeChunk(): void {
    this.chainValue = this.chunkHash.digest();
    if (this.beginning === null) {
      this.beginning = this.chainValue.toString('hex');
    }
    this.chunkHash = createHash('sha256').update(this.chainValue);
    this.chunkFill = 0;
  }

  /** Call once, after the last chunk. */
  digest(): QuickHashes {
    if (this.chunkFill > 0 || this.chainValue === null) {
      this.closeChunk();
    }
    const chain = this.chainValue as Buffer;
    return { beginningHash: this.beginning ?? chain.toString('hex'), fullHash: chain.toString('hex') };
  }
}
