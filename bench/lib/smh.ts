import { BENCH_ADMIN_KEY } from './node-server.js';

/** Just enough of the SMH API for the benchmarks, over fetch. */
export interface Session {
  readonly base: string;
  readonly libraryId: string;
  readonly token: string;
}

async function json(response: Response): Promise<any> {
  const text = await response.text();
  return text === '' ? {} : JSON.parse(text);
}

export async function newSession(base: string): Promise<Session> {
  const created = await fetch(`${base}/admin/v1/library`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: 'bench', LibraryExtension: { IsFileLibrary: true } }),
  }).then(json);
  const query = new URLSearchParams({ library_id: created.LibraryId, library_secret: created.LibrarySecret, grant: 'admin', period: '86400' });
  const token = await fetch(`${base}/api/v1/token?${query}`).then(json);
  return { base, libraryId: created.LibraryId, token: token.accessToken };
}

export const q = (s: Session, extra: Record<string, string> = {}) => `?${new URLSearchParams({ access_token: s.token, ...extra })}`;

export async function mkdir(s: Session, path: string): Promise<void> {
  const response = await fetch(`${s.base}/api/v1/directory/${s.libraryId}/-/${path}${q(s)}`, { method: 'PUT' });
  await response.arrayBuffer();
}

export interface Target {
  domain: string;
  path: string;
  headers: Record<string, string>;
  confirmKey: string;
  uploadId?: string;
}

export async function initiate(s: Session, path: string, multipart = false): Promise<Target> {
  const response = await fetch(`${s.base}/api/v1/file/${s.libraryId}/-/${path}${q(s, multipart ? { multipart: '' } : {})}`, { method: multipart ? 'POST' : 'PUT' });
  const body = await json(response);
  if (response.status !== 201) {
    throw new Error(`initiate ${path}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body;
}

export function targetUrl(target: Target, partNumber?: number): string {
  const query = partNumber === undefined ? '' : `?${new URLSearchParams({ partNumber: String(partNumber), uploadId: target.uploadId ?? target.confirmKey })}`;
  return `http://${target.domain}${target.path}${query}`;
}

export async function confirm(s: Session, confirmKey: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${s.base}/api/v1/file/${s.libraryId}/-/${confirmKey}${q(s, { confirm: '' })}`, { method: 'POST' });
  return { status: response.status, body: await json(response) };
}

/** The full three-request flow for a small body; resolves with the confirm status. */
export async function uploadSmall(s: Session, path: string, body: Uint8Array): Promise<number> {
  const target = await initiate(s, path);
  const put = await fetch(targetUrl(target), { method: 'PUT', headers: target.headers, body: body as unknown as BodyInit });
  await put.arrayBuffer();
  if (put.status !== 200) {
    throw new Error(`PUT ${path}: ${put.status}`);
  }
  return (await confirm(s, target.confirmKey)).status;
}

export async function downloadLocation(s: Session, path: string): Promise<string> {
  const response = await fetch(`${s.base}/api/v1/file/${s.libraryId}/-/${path}${q(s)}`, { redirect: 'manual' });
  await response.arrayBuffer();
  return response.headers.get('location') as string;
}
