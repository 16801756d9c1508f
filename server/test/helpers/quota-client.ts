import assert from 'node:assert/strict';
import { adminToken, call, createLibrary, createSpace, type JsonResponse, type Library, q } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Helpers for the quota (core.md §5) and usage (core.md S11–S14) suites. */
export interface TenantSetup {
  library: Library;
  admin: string;
  spaces: string[];
}

/** A multi-tenant file library with an admin token and `count` spaces. */
export async function tenantLibrary(server: TestServer, count: number, extension: Record<string, unknown> = {}): Promise<TenantSetup> {
  const library = await createLibrary(server, { IsMultiSpace: true, ...extension });
  const admin = await adminToken(server, library);
  const spaces: string[] = [];
  for (let i = 0; i < count; i += 1) {
    spaces.push(await createSpace(server, library, admin));
  }
  return { library, admin, spaces };
}

export function createQuota(server: TestServer, library: Library, token: string, body: unknown): Promise<JsonResponse> {
  return call(server, 'POST', `/api/v1/quota/${library.libraryId}${q(token)}`, { body });
}

/** Q1 that must succeed; returns the quota id. */
export async function quotaOk(server: TestServer, library: Library, token: string, body: unknown): Promise<number> {
  const response = await createQuota(server, library, token, body);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.equal(typeof response.body.quotaId, 'number');
  return response.body.quotaId;
}

/** GET/PUT `/api/v1/quota/{L}/{X}` (X = space id or quota id). */
export function quotaAt(server: TestServer, library: Library, token: string, target: string | number, method = 'GET', body?: unknown): Promise<JsonResponse> {
  return call(server, method, `/api/v1/quota/${library.libraryId}/${target}${q(token)}`, { body });
}

/** S12 for some spaces. */
export async function spaceUsage(server: TestServer, library: Library, token: string, spaceIds: string[]): Promise<JsonResponse> {
  return call(server, 'GET', `/api/v1/usage/${library.libraryId}/${spaceIds.join(',')}${q(token)}`);
}

/** A space's quota as S12 reports it: capacity and what is left, as strings (null without quota). */
export async function usageOf(server: TestServer, library: Library, token: string, spaceId: string): Promise<{ capacity: string | null; availableSpace: string | null; size: string }> {
  const response = await spaceUsage(server, library, token, [spaceId]);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body[0];
}

export function bytes(n: number, fill = 'x'): string {
  return fill.repeat(n);
}
