import type { UploadSource } from './source.js';

/** SMH's instant-upload hashes work on 1 MiB chunks (files.md §4.1). */
export const QUICK_HASH_CHUNK = 1024 * 1024;

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sha256(data: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
}

/** `beginningHash`: hex SHA-256 of the first 1 MiB. */
export async function beginningHash(source: UploadSource, signal?: AbortSignal): Promise<string> {
  return hex(await sha256(await source.read(0, Math.min(QUICK_HASH_CHUNK, source.size), signal)));
}

/**
 * `fullHash`: H1 = SHA256(chunk1), Hk = SHA256(H(k-1) ‖ chunk k), hex of the last. Chained, so it
 * needs one sequential pass; `onChunk` sees every chunk (for progress, or a CRC in the same pass).
 */
export async function fullHash(source: UploadSource, signal?: AbortSignal, onChunk?: (chunk: Uint8Array) => void): Promise<string> {
  let chain: Uint8Array | null = null;
  for (let offset = 0; offset < source.size || chain === null; offset += QUICK_HASH_CHUNK) {
    const chunk = await source.read(offset, Math.min(offset + QUICK_HASH_CHUNK, source.size), signal);
    const input: Uint8Array = chain ? concat(chain, chunk) : chunk;
    chain = new Uint8Array(await sha256(input));
    onChunk?.(chunk);
  }
  return hex(chain.buffer as ArrayBuffer);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
