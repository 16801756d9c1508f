import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { expireVersions } from '../../src/jobs/expire-versions.js';
import { call, createLibrary, encodePath, type JsonResponse, type Library, q, uploadFile } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Helpers for historical-version (files.md §9) and instant-upload (§3.2) tests. */
export const MIB = 1024 * 1024;

/** A file library with history on; `extension` adds or overrides LibraryExtension fields. */
export function historyLibrary(server: TestServer, extension: Record<string, unknown> = {}): Promise<Library> {
  return createLibrary(server, { EnableFileHistory: true, FileHistoryCount: 3, FileHistoryExpireDay: 0, ...extension });
}

/** `/api/v1/directory-history/{L}/{S}/{tail}?access_token=…&extra` */
export function historyUrl(library: Library, token: string, tail: string, extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/directory-history/${library.libraryId}/${space}/${tail}${q(token, extra)}`;
}

export function libraryHistoryUrl(library: Library, token: string): string {
  return `/api/v1/directory-history/${library.libraryId}/library-history${q(token)}`;
}

/** H1 with any query; returns the raw response. */
export function listHistory(server: TestServer, library: Library, token: string, path: string, extra: Record<string, string> = {}, space = '-'): Promise<JsonResponse> {
  return call(server, 'GET', historyUrl(library, token, `history-list/${encodePath(path)}`, extra, space));
}

/** H1's version ids (the current file, which has none, left out), newest first. */
export async function versionIds(server: TestServer, library: Library, token: string, path: string, space = '-'): Promise<number[]> {
  const listed = await listHistory(server, library, token, path, { limit: '1000' }, space);
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  return listed.body.contents.filter((item: { id?: number }) => item.id !== undefined).map((item: { id: number }) => item.id);
}

export function deleteHistory(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', historyUrl(library, token, 'delete', {}, space), { body });
}

export function setLatest(server: TestServer, library: Library, token: string, id: number | string, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', historyUrl(library, token, `latest-version/${id}`, {}, space));
}

/** Upload that must succeed; `overwrite` by default, as history needs. */
export async function put(server: TestServer, library: Library, token: string, path: string, content: string | Buffer, space = '-'): Promise<JsonResponse> {
  const response = await uploadFile(server, library, token, path, content, { strategy: 'overwrite', space });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response;
}

/** Bytes of a version (or the current file without `historyId`), through the download redirect. */
export async function fetchContent(server: TestServer, library: Library, token: string, path: string, historyId?: number, space = '-'): Promise<string> {
  const extra: Record<string, string> = historyId === undefined ? {} : { history_id: String(historyId) };
  const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/${space}/${encodePath(path)}${q(token, extra)}`);
  assert.equal(redirect.status, 302, JSON.stringify(redirect.body));
  const response = await fetch(redirect.headers.get('location') as string);
  assert.equal(response.status, 200);
  return response.text();
}

/** Blobs the blob store holds, to prove no byte is stored twice. */
export async function blobCount(server: TestServer): Promise<number> {
  let count = 0;
  for await (const _key of server.stores.blob.listKeys()) {
    count += 1;
  }
  return count;
}

export async function spaceSize(server: TestServer, library: Library, token: string, space = '-'): Promise<number> {
  const response = await call(server, 'GET', `/api/v1/space/${library.libraryId}/${space}/size${q(token)}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Number(response.body.size);
}

/** Runs the periodic history sweep now (expiry and orphans). */
export function sweepVersions(server: TestServer): Promise<number> {
  return expireVersions(server.stores.meta, server.stores.blob, server.clock.now());
}

/** SMH's quick-upload hashes (files.md §4.1), written out independently of the server's hasher. */
export function quickHashes(data: Buffer): { beginningHash: string; fullHash: string } {
  let chain: Buffer | null = null;
  let beginning = '';
  for (let offset = 0; offset < data.length || chain === null; offset += MIB) {
    const hash = createHash('sha256');
    if (chain) {
      hash.update(chain);
    }
    chain = hash.update(data.subarray(offset, offset + MIB)).digest();
    beginning ||= chain.toString('hex');
  }
  return { beginningHash: beginning, fullHash: chain.toString('hex') };
}

/** Deterministic content of `size` bytes that differs per `seed`. */
export function content(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}
