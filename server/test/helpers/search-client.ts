import assert from 'node:assert/strict';
import { call, encodePath, type JsonResponse, type Library, q } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Helpers for search (dirs.md §8), favorites (§10) and recently-used-file tests (files.md §7.8). */
export function searchUrl(library: Library, token: string, tail: string, extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/search/${library.libraryId}/${space}/${tail}${q(token, extra)}`;
}

/** S1 with any body; returns the raw response. */
export async function startSearch(
  server: TestServer,
  library: Library,
  token: string,
  body: unknown,
  options: { extra?: Record<string, string>; space?: string } = {},
): Promise<JsonResponse> {
  return call(server, 'POST', searchUrl(library, token, 'space-contents', options.extra, options.space), { body });
}

/** S2 with a marker; returns the raw response. */
export async function continueSearch(
  server: TestServer,
  library: Library,
  token: string,
  searchId: string,
  marker: string | number,
  options: { extra?: Record<string, string>; space?: string } = {},
): Promise<JsonResponse> {
  const extra = { marker: String(marker), ...options.extra };
  return call(server, 'GET', searchUrl(library, token, encodeURIComponent(searchId), extra, options.space));
}

/** Runs a search to the end (S1 then S2 while hasMore) and returns every item, checking page shapes on the way. */
export async function searchAll(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<any[]> {
  const first = await startSearch(server, library, token, body, { space });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const items: any[] = [...first.body.contents];
  let page = first.body;
  while (page.hasMore) {
    assert.equal(typeof page.nextMarker, 'number');
    assert.equal(page.contents.length, 20);
    const next = await continueSearch(server, library, token, first.body.searchId, page.nextMarker, { space });
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.equal(next.body.searchId, first.body.searchId);
    page = next.body;
    items.push(...page.contents);
  }
  assert.equal(page.nextMarker, undefined);
  return items;
}

export async function searchNames(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<string[]> {
  return (await searchAll(server, library, token, body, space)).map((item) => item.name);
}

export function favoriteUrl(library: Library, token: string, tail = '', extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/favorite/${library.libraryId}/${space}${tail}${q(token, extra)}`;
}

export async function addFavorite(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', favoriteUrl(library, token, '', {}, space), { body });
}

export async function cancelFavorite(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', favoriteUrl(library, token, '', { cancel: '' }, space), { body });
}

export async function listFavorites(
  server: TestServer,
  library: Library,
  token: string,
  extra: Record<string, string> = {},
  space = '-',
): Promise<JsonResponse> {
  return call(server, 'GET', favoriteUrl(library, token, '/list', extra, space));
}

export async function recentFiles(server: TestServer, library: Library, token: string, body: unknown = {}, extra: Record<string, string> = {}): Promise<JsonResponse> {
  return call(server, 'POST', `/api/v1/recent/${library.libraryId}/-/recently-used-file${q(token, extra)}`, { body });
}

/** A download with `purpose` (preview records a recently-used entry); asserts the 302. */
export async function downloadFor(server: TestServer, library: Library, token: string, path: string, purpose?: string): Promise<void> {
  const extra: Record<string, string> = purpose ? { purpose } : {};
  const response = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/${encodePath(path)}${q(token, extra)}`);
  assert.equal(response.status, 302, JSON.stringify(response.body));
}
