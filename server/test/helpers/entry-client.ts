import assert from 'node:assert/strict';
import http from 'node:http';
import { call, encodePath, type JsonResponse, type Library, q } from './smh-client.js';
import type { TestServer } from './start-server.js';

/**
 * Helpers for directory, file-operation and download tests. Kept apart from smh-client.ts so
 * areas that grow their own helpers do not edit the same file.
 */
export function dirUrl(library: Library, path: string, token: string, extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/directory/${library.libraryId}/${space}/${encodePath(path)}${q(token, extra)}`;
}

export function fileUrl(library: Library, path: string, token: string, extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/file/${library.libraryId}/${space}/${encodePath(path)}${q(token, extra)}`;
}

/** D1 with the default strategy; returns the raw response. */
export async function mkdir(
  server: TestServer,
  library: Library,
  token: string,
  path: string,
  extra: Record<string, string> = {},
  body?: unknown,
): Promise<JsonResponse> {
  return call(server, 'PUT', dirUrl(library, path, token, extra), { body });
}

/** D1 that must succeed. */
export async function mkdirOk(server: TestServer, library: Library, token: string, path: string): Promise<void> {
  const response = await mkdir(server, library, token, path);
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

/** D2/D3: lists a directory with any query. */
export async function listDir(
  server: TestServer,
  library: Library,
  token: string,
  path: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return call(server, 'GET', dirUrl(library, path, token, extra), { headers });
}

/** Names of a directory's children in listing order (one page of up to 1000). */
export async function childNames(server: TestServer, library: Library, token: string, path: string, extra: Record<string, string> = {}): Promise<string[]> {
  const response = await listDir(server, library, token, path, { limit: '1000', ...extra });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.contents.map((item: { name: string }) => item.name);
}

/** The space's used bytes (S7). */
export async function spaceSize(server: TestServer, library: Library, token: string, space = '-'): Promise<number> {
  const response = await call(server, 'GET', `/api/v1/space/${library.libraryId}/${space}/size${q(token)}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Number(response.body.size);
}

/** The signed download URL of a file (the 302 Location). */
export async function downloadLocation(server: TestServer, library: Library, token: string, path: string): Promise<string> {
  const response = await call(server, 'GET', fileUrl(library, path, token));
  assert.equal(response.status, 302, JSON.stringify(response.body));
  return response.headers.get('location') as string;
}

/** The blob key a download URL serves (`k=`): the same key means no bytes were copied. */
export async function blobKeyOf(server: TestServer, library: Library, token: string, path: string): Promise<string> {
  const key = new URL(await downloadLocation(server, library, token, path)).searchParams.get('k');
  assert.ok(key);
  return key;
}

export async function blobExists(server: TestServer, key: string): Promise<boolean> {
  return (await server.stores.blob.stat(key)) !== null;
}

/**
 * Sends the path exactly as given (fetch and URL would resolve '.', '..' and '%2E%2E' first,
 * which hides what a raw client could send).
 */
export function rawRequest(server: TestServer, method: string, path: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = (response.headers['content-type'] ?? '').includes('json');
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') {
            responseHeaders.set(key, value);
          }
        }
        resolve({
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          body: text === '' ? undefined : isJson ? JSON.parse(text) : text,
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}
