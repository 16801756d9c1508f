import assert from 'node:assert/strict';
import { ADMIN_KEY, type TestServer } from './start-server.js';

/** Thin fetch helpers speaking SMH's wire format, for HTTP-level tests. */
export interface Library {
  libraryId: string;
  librarySecret: string;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; raw?: BodyInit; redirect?: 'manual' | 'follow' } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body, redirect: options.redirect ?? 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
    parsed = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : parsed };
}

/** Asserts an SMH error: status, code and the request id in body and header. */
export function assertSmhError(response: JsonResponse, status: number, code: string): void {
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status} ${JSON.stringify(response.body)}`);
  assert.equal(response.body?.code, code, `expected code ${code}, got ${JSON.stringify(response.body)}`);
  assert.equal(typeof response.body.message, 'string');
  assert.equal(response.body.requestId, response.headers.get('x-request-id'));
}

export async function createLibrary(server: TestServer, extension: Record<string, unknown> = {}, name = 'test'): Promise<Library> {
  const response = await call(server, 'POST', '/admin/v1/library', {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
    body: { Name: name, LibraryExtension: { IsFileLibrary: true, ...extension } },
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return { libraryId: response.body.LibraryId, librarySecret: response.body.LibrarySecret };
}

export async function createToken(server: TestServer, library: Library, params: Record<string, string> = {}): Promise<string> {
  const query = new URLSearchParams({ library_id: library.libraryId, library_secret: library.librarySecret, ...params });
  const response = await call(server, 'GET', `/api/v1/token?${query}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.accessToken;
}

export async function adminToken(server: TestServer, library: Library): Promise<string> {
  return createToken(server, library, { grant: 'admin' });
}

export function q(token: string, extra: Record<string, string> = {}): string {
  return `?${new URLSearchParams({ access_token: token, ...extra })}`;
}

/** Percent-encodes each path segment the way iOS/Android SDKs do (raw '/' between segments). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Simple upload end to end: initiate → PUT bytes to the target → confirm. Returns the confirm body. */
export async function uploadFile(
  server: TestServer,
  library: Library,
  token: string,
  path: string,
  content: Buffer | string,
  options: { space?: string; strategy?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const space = options.space ?? '-';
  const extra: Record<string, string> = options.strategy ? { conflict_resolution_strategy: options.strategy } : {};
  const init = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/${space}/${encodePath(path)}${q(token, extra)}`, {
    headers: options.headers,
  });
  if (init.status !== 201) {
    return init;
  }
  const put = await fetch(`http://${init.body.domain}${init.body.path}`, {
    method: 'PUT',
    headers: init.body.headers,
    body: typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content),
  });
  assert.equal(put.status, 200, await put.text());
  return call(server, 'POST', `/api/v1/file/${library.libraryId}/${space}/${init.body.confirmKey}${q(token, { confirm: '' })}`);
}

/** Follows a download 302 and returns the bytes. */
export async function download(server: TestServer, library: Library, token: string, path: string, space = '-'): Promise<Buffer> {
  const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/${space}/${encodePath(path)}${q(token)}`);
  assert.equal(redirect.status, 302, JSON.stringify(redirect.body));
  const response = await fetch(redirect.headers.get('location') as string);
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

/** A control-plane call carrying the admin key. */
export async function adminCall(
  server: TestServer,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  return call(server, method, path, { ...options, headers: { authorization: `Bearer ${ADMIN_KEY}`, ...options.headers } });
}

/** Token creation that returns the raw response, for asserting errors. */
export async function tokenRequest(server: TestServer, params: Record<string, string>, method = 'GET'): Promise<JsonResponse> {
  return call(server, method, `/api/v1/token?${new URLSearchParams(params)}`);
}

/** S1: creates a tenant space and returns its id. */
export async function createSpace(
  server: TestServer,
  library: Library,
  token: string,
  options: { spaceId?: string; body?: unknown; userId?: string } = {},
): Promise<string> {
  const extra: Record<string, string> = {};
  if (options.spaceId !== undefined) {
    extra.space_id = options.spaceId;
  }
  if (options.userId !== undefined) {
    extra.user_id = options.userId;
  }
  const response = await call(server, 'POST', `/api/v1/space/${library.libraryId}${q(token, extra)}`, { body: options.body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.spaceId;
}

/** `/api/v1/file/{L}/{S}/{path}?access_token=…&extra` */
export function fileUrl(library: Library, token: string, path: string, extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/file/${library.libraryId}/${space}/${encodePath(path)}${q(token, extra)}`;
}

/** Creates a directory (and its parents) and asserts it worked. */
export async function makeDirectory(server: TestServer, library: Library, token: string, path: string, space = '-'): Promise<void> {
  const made = await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/${space}/${encodePath(path)}${q(token)}`);
  assert.equal(made.status, 201, JSON.stringify(made.body));
}

/** Initiates a simple (PUT), multipart (POST ?multipart) or form (POST) upload; returns the raw response. */
export async function initiateUpload(
  server: TestServer,
  library: Library,
  token: string,
  path: string,
  options: { kind?: 'simple' | 'multipart' | 'form'; strategy?: string; headers?: Record<string, string>; body?: unknown; space?: string } = {},
): Promise<JsonResponse> {
  const kind = options.kind ?? 'simple';
  const extra: Record<string, string> = options.strategy ? { conflict_resolution_strategy: options.strategy } : {};
  if (kind === 'multipart') {
    extra.multipart = '';
  }
  return call(server, kind === 'simple' ? 'PUT' : 'POST', fileUrl(library, token, path, extra, options.space), {
    headers: options.headers,
    body: options.body,
  });
}

/** Sends bytes to an upload target the way SMH SDKs do: `http://{domain}{path}[?partNumber&uploadId]` with its headers. */
export async function putToTarget(
  target: { domain: string; path: string; headers: Record<string, string>; uploadId?: string },
  content: Buffer | string,
  partNumber?: number,
): Promise<Response> {
  const query = partNumber === undefined ? '' : `?${new URLSearchParams({ partNumber: String(partNumber), uploadId: target.uploadId ?? '' })}`;
  return fetch(`http://${target.domain}${target.path}${query}`, {
    method: 'PUT',
    headers: target.headers,
    body: typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content),
  });
}

/** POST {confirmKey}?confirm with an optional JSON body and strategy. */
export async function confirmUpload(
  server: TestServer,
  library: Library,
  token: string,
  confirmKey: string,
  options: { body?: unknown; strategy?: string; space?: string } = {},
): Promise<JsonResponse> {
  const extra: Record<string, string> = { confirm: '' };
  if (options.strategy) {
    extra.conflict_resolution_strategy = options.strategy;
  }
  return call(server, 'POST', `/api/v1/file/${library.libraryId}/${options.space ?? '-'}/${confirmKey}${q(token, extra)}`, { body: options.body });
}

/** A fresh library, its admin token and one directory in it: how most upload tests start. */
export async function libraryWithDirectory(server: TestServer, directory: string): Promise<{ library: Library; token: string }> {
  const library = await createLibrary(server);
  const token = await adminToken(server, library);
  await makeDirectory(server, library, token, directory);
  return { library, token };
}
