import type { SmhCore } from './client.js';
import { encodePath, readJson } from './transport.js';
import type { ConflictStrategy, Entry, RecycledItem, VersionItem } from './types.js';

/** Walks any SMH marker listing (`{contents, nextMarker}`) page by page. */
async function* pages<T>(fetchPage: (marker: string | number | undefined) => Promise<{ contents: T[]; nextMarker?: string | number }>): AsyncGenerator<T, void, undefined> {
  let marker: string | number | undefined;
  do {
    const page = await fetchPage(marker);
    yield* page.contents;
    marker = page.nextMarker === '' || page.nextMarker === null ? undefined : page.nextMarker;
  } while (marker !== undefined);
}

// --- recycle bin (dirs.md §6) ---------------------------------------------------------------

export function listRecycled(core: SmhCore, options: { signal?: AbortSignal } = {}): AsyncGenerator<RecycledItem, void, undefined> {
  return pages((marker) => core.requestJson('GET', 'recycled', '', { query: { marker, limit: 100 }, signal: options.signal }));
}

/** R4: restores one item; returns its final path. */
export async function restoreRecycled(core: SmhCore, id: number, options: { strategy?: ConflictStrategy; fallbackToRoot?: boolean } = {}): Promise<string[]> {
  const body = await core.requestJson<{ path: string[] }>('POST', 'recycled', String(id), {
    query: { restore: true, conflict_resolution_strategy: options.strategy, restore_path_strategy: options.fallbackToRoot ? 'fallbackToRoot' : undefined },
  });
  return body.path;
}

/** R6: deletes one item for good. */
export async function purgeRecycled(core: SmhCore, id: number): Promise<void> {
  await core.request('DELETE', 'recycled', String(id));
}

/** R8: empties the bin. */
export async function emptyRecycleBin(core: SmhCore): Promise<void> {
  await core.request('DELETE', 'recycled', '');
}

// --- versions (files.md §9) -----------------------------------------------------------------

export function listVersions(core: SmhCore, path: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<VersionItem, void, undefined> {
  return pages((marker) =>
    core.requestJson('GET', 'directory-history', `history-list/${encodePath(path)}`, { query: { marker, limit: 100 }, signal: options.signal }),
  );
}

/** H3: makes a version the current file again. */
export async function restoreVersion(core: SmhCore, historyId: number): Promise<Entry> {
  return core.requestJson<Entry>('POST', 'directory-history', `latest-version/${historyId}`);
}

/** H2: deletes versions. */
export async function deleteVersions(core: SmhCore, historyIds: readonly number[]): Promise<void> {
  await core.request('POST', 'directory-history', 'delete', { json: historyIds });
}

// --- search (dirs.md §8) --------------------------------------------------------------------

export interface SearchQuery {
  keyword?: string;
  scope?: string;
  type?: string | string[];
  extname?: string[];
  minFileSize?: number;
  maxFileSize?: number;
  modificationTimeStart?: string;
  modificationTimeEnd?: string;
  orderBy?: string;
  orderByType?: 'asc' | 'desc';
  labels?: string[];
  categories?: string[];
}

interface SearchPage {
  searchId: string;
  hasMore: boolean;
  nextMarker?: number | string;
  contents: Entry[];
}

/** S1 then S2 while `hasMore`; the search task is deleted (S3) when iteration ends early or completes. */
export async function* search(core: SmhCore, query: SearchQuery, options: { signal?: AbortSignal } = {}): AsyncGenerator<Entry, void, undefined> {
  let page = await core.requestJson<SearchPage>('POST', 'search', 'space-contents', { json: query, signal: options.signal });
  try {
    yield* page.contents;
    while (page.hasMore && page.nextMarker !== undefined) {
      page = await core.requestJson<SearchPage>('GET', 'search', encodeURIComponent(page.searchId), {
        query: { marker: page.nextMarker },
        signal: options.signal,
      });
      yield* page.contents;
    }
  } finally {
    await core.request('DELETE', 'search', encodeURIComponent(page.searchId)).catch(() => undefined);
  }
}

// --- batch (dirs.md §9) ---------------------------------------------------------------------

export type BatchAction = 'delete' | 'copy' | 'move';

/** B1–B3: up to 1000 items; an async answer (202) is awaited. Returns the per-item results. */
export async function batch(core: SmhCore, action: BatchAction, items: readonly Record<string, unknown>[], options: { signal?: AbortSignal } = {}): Promise<unknown[]> {
  const response = await core.request('POST', 'batch', '', { query: { [action]: true }, json: items, accept: [207], signal: options.signal });
  const body = await readJson<{ result?: unknown[]; taskId?: number }>(response);
  if (response.status === 202 && body.taskId !== undefined) {
    const task = await core.waitForTask(body.taskId, options);
    return (task.result as unknown[] | undefined) ?? [];
  }
  return body.result ?? [];
}
