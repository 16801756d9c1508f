import assert from 'node:assert/strict';
import { call, encodePath, type JsonResponse, type Library, q } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Share-link calls (dirs.md §11.1) for HTTP tests. */
export async function createShare(
  server: TestServer,
  library: Library,
  token: string,
  body: Record<string, unknown>,
  space = '-',
): Promise<JsonResponse> {
  return call(server, 'POST', `/api/v1/share/${library.libraryId}/${space}${q(token)}`, { body });
}

/** Creates a share and returns its create answer, asserting success. */
export async function makeShare(
  server: TestServer,
  library: Library,
  token: string,
  paths: string[],
  config: Record<string, unknown> = {},
  space = '-',
): Promise<{ id: number; code: string }> {
  const response = await createShare(server, library, token, { name: 'test share', filePath: paths, config: { isPermanent: true, ...config } }, space);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

export async function shareCall(
  server: TestServer,
  method: string,
  library: Library,
  token: string,
  tail: string,
  extra: Record<string, string> = {},
  body?: unknown,
): Promise<JsonResponse> {
  return call(server, method, `/api/v1/share/${library.libraryId}/${tail}${q(token, extra)}`, body === undefined ? {} : { body });
}

export async function verify(server: TestServer, code: string, body: Record<string, unknown> = {}): Promise<JsonResponse> {
  return call(server, 'POST', `/api/v1/share/verify/${code}`, { body });
}

/** Verifies and returns the share access token. */
export async function shareToken(server: TestServer, code: string, extractionCode = ''): Promise<string> {
  const response = await verify(server, code, { extractionCode });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.accessToken;
}

/** GET /api/v1/share/file/{code}/{inodes}?{action}=1 with the share token. */
export async function shareFile(
  server: TestServer,
  code: string,
  token: string,
  inodes: string[],
  action: 'list' | 'preview' | 'download',
  extra: Record<string, string> = {},
): Promise<JsonResponse> {
  const tail = inodes.length > 0 ? `/${inodes.map(encodeURIComponent).join('/')}` : '';
  const query = new URLSearchParams({ [action]: '1', share_access_token: token, ...extra });
  return call(server, 'GET', `/api/v1/share/file/${code}${tail}?${query}`);
}

export { encodePath };
