import { NetworkError, SmhApiError } from './errors.js';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  /** JSON body; sent with content-type application/json */
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** statuses that are not errors besides 2xx (e.g. 302, 304) */
  accept?: readonly number[];
  /** leave the access token out (token minting) */
  anonymous?: boolean;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Percent-encodes each segment of an SMH path (raw '/' between segments), as the SMH SDKs do. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent)
    .join('/');
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    // SMH selects operations with value-less flags (`?multipart`, `?confirm`): true → `key=`.
    params.append(key, value === true ? '' : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Reads SMH's error body (or makes one from the status) into a typed error. */
export async function errorFrom(response: Response, request: string): Promise<SmhApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let code = `HttpStatus${response.status}`;
  let message = response.statusText || 'request failed';
  let bodyRequestId: string | undefined;
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; requestId?: unknown; Code?: unknown; Message?: unknown };
    const bodyCode = body.code ?? body.Code;
    const bodyMessage = body.message ?? body.Message;
    if (typeof bodyCode === 'string') {
      code = bodyCode;
    }
    if (typeof bodyMessage === 'string') {
      message = bodyMessage;
    }
    if (typeof body.requestId === 'string') {
      bodyRequestId = body.requestId;
    }
  } catch {
    if (text !== '' && text.length < 300) {
      message = text.trim();
    }
  }
  return new SmhApiError(response.status, code, message, bodyRequestId ?? requestId, request);
}

/** fetch with SMH's error mapping; the URL's query is never put into error messages. */
export async function send(fetchImpl: FetchLike, method: string, url: string, init: RequestInit, accept: readonly number[] = []): Promise<Response> {
  const label = `${method} ${url.split('?')[0]}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, method });
  } catch (error) {
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
      throw error;
    }
    throw new NetworkError(label, error);
  }
  if (!response.ok && !accept.includes(response.status)) {
    throw await errorFrom(response, label);
  }
  return response;
}

export async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
