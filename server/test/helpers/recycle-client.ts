import assert from 'node:assert/strict';
import { purgeRecycleBins } from '../../src/jobs/purge-recycle-bins.js';
import { dirUrl, fileUrl } from './entry-client.js';
import { call, type JsonResponse, type Library, q, uploadFile } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Helpers for recycle-bin tests (dirs.md §6, D9 and files.md §8.1 deletes). */
export const DAY_MS = 24 * 3600 * 1000;

/** `/api/v1/recycled/{L}/{S}[/{id}]?access_token=…&extra` */
export function binUrl(library: Library, token: string, extra: Record<string, string> = {}, options: { space?: string; item?: number | string } = {}): string {
  const tail = options.item === undefined ? '' : `/${options.item}`;
  return `/api/v1/recycled/${library.libraryId}/${options.space ?? '-'}${tail}${q(token, extra)}`;
}

export async function uploadOk(server: TestServer, library: Library, token: string, path: string, content: string, space = '-'): Promise<void> {
  const response = await uploadFile(server, library, token, path, content, { space });
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/** DELETE of a file or directory with any query; returns the raw response. */
export function deleteEntry(
  server: TestServer,
  library: Library,
  token: string,
  kind: 'file' | 'dir',
  path: string,
  extra: Record<string, string> = {},
  space = '-',
): Promise<JsonResponse> {
  const url = kind === 'file' ? fileUrl(library, path, token, extra, space) : dirUrl(library, path, token, extra, space);
  return call(server, 'DELETE', url);
}

/** Deletes into the bin and returns the recycled item id (asserting 200 {recycledItemId}). */
export async function recycle(server: TestServer, library: Library, token: string, kind: 'file' | 'dir', path: string, space = '-'): Promise<number> {
  const response = await deleteEntry(server, library, token, kind, path, {}, space);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(Object.keys(response.body), ['recycledItemId']);
  assert.ok(Number.isInteger(response.body.recycledItemId));
  return response.body.recycledItemId;
}

export function listBin(server: TestServer, library: Library, token: string, extra: Record<string, string> = {}, space = '-'): Promise<JsonResponse> {
  return call(server, 'GET', binUrl(library, token, extra, { space }));
}

/** Every item of the bin, walking markers (limit 100). */
export async function allBinItems(server: TestServer, library: Library, token: string, extra: Record<string, string> = {}, space = '-'): Promise<any[]> {
  const items: any[] = [];
  let marker: string | undefined;
  do {
    const response = await listBin(server, library, token, { limit: '100', ...extra, ...(marker ? { marker } : {}) }, space);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    items.push(...response.body.contents);
    marker = response.body.nextMarker;
  } while (marker);
  return items;
}

export function restore(server: TestServer, library: Library, token: string, item: number | string, extra: Record<string, string> = {}, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', binUrl(library, token, { restore: '', ...extra }, { space, item }));
}

export function restoreMany(server: TestServer, library: Library, token: string, body: unknown, extra: Record<string, string> = {}, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', binUrl(library, token, { restore: '', ...extra }, { space }), { body });
}

export function purgeOne(server: TestServer, library: Library, token: string, item: number | string, space = '-'): Promise<JsonResponse> {
  return call(server, 'DELETE', binUrl(library, token, {}, { space, item }));
}

export function purgeMany(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', binUrl(library, token, { delete: '' }, { space }), { body });
}

export function setLifecycle(server: TestServer, library: Library, token: string, body: unknown, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', binUrl(library, token, { lifecycle: '' }, { space }), { body });
}

/** S7 as numbers. */
export async function fileCount(server: TestServer, library: Library, token: string, space = '-'): Promise<Record<string, number>> {
  const response = await call(server, 'GET', `/api/v1/space/${library.libraryId}/${space}/file-count${q(token)}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Object.fromEntries(Object.entries(response.body).map(([key, value]) => [key, Number(value)]));
}

/** Runs the retention sweep now, as the scheduler would, at the test clock's time. */
export function sweep(server: TestServer): Promise<number> {
  return purgeRecycleBins(server.stores.meta, server.stores.blob, server.clock.now());
}

/** Polls until `check` holds (background jobs), failing after a few seconds. */
export async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}
