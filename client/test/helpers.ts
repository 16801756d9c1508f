import { createHash } from 'node:crypto';
import { OpenSmhClient } from '../src/index.js';
import { createLibrary, type Library } from '../../server/test/helpers/smh-client.js';
import type { TestServer } from '../../server/test/helpers/start-server.js';

export const MIB = 1024 * 1024;

/** A client on a fresh library of `server`, minting its own admin token from the library secret. */
export async function clientFor(server: TestServer, extension: Record<string, unknown> = {}): Promise<{ client: OpenSmhClient; library: Library }> {
  const library = await createLibrary(server, extension);
  const client = new OpenSmhClient({ baseUrl: server.url, libraryId: library.libraryId, librarySecret: library.librarySecret });
  return { client, library };
}

/** Deterministic bytes that differ per seed (fast: one SHA-256 per 32 bytes would be slow for 200 MB, so blocks repeat with a counter). */
export function content(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  const block = Buffer.alloc(64 * 1024);
  let state = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < block.length; offset += 32) {
    state.copy(block, offset);
    state = createHash('sha256').update(state).digest();
  }
  for (let offset = 0, counter = 0; offset < size; offset += block.length, counter += 1) {
    block.writeUInt32LE(counter, 0);
    block.copy(out, offset, 0, Math.min(block.length, size - offset));
  }
  return out;
}

/** A fetch that counts bytes sent to storage part URLs and can abort after a byte budget. */
export function countingFetch(options: { abortAfterPartBytes?: number; controller?: AbortController } = {}) {
  const stats = { partBytes: 0, partRequests: 0, partNumbers: [] as number[], rangeHeaders: [] as string[] };
  const wrapped = async (input: string, init: RequestInit = {}): Promise<Response> => {
    if (input.includes('partNumber=')) {
      stats.partRequests += 1;
      stats.partNumbers.push(Number(new URL(input).searchParams.get('partNumber')));
      const size = Number((init.headers as Record<string, string>)['content-length'] ?? 0);
      const response = await fetch(input, init);
      if (response.ok) {
        stats.partBytes += size;
        if (options.abortAfterPartBytes !== undefined && stats.partBytes >= options.abortAfterPartBytes) {
          options.controller?.abort();
        }
      }
      return response;
    }
    const range = new Headers(init.headers).get('range');
    if (range) {
      stats.rangeHeaders.push(range);
    }
    return fetch(input, init);
  };
  return { fetch: wrapped, stats };
}
