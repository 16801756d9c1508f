import { CliError } from '../cli-error.js';

/** Long enough for a busy server, short enough that a wrong --url does not hang a script. */
const TIMEOUT_MS = 30_000;

export interface RequestOptions {
  readonly method?: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly adminKey?: string;
}

function unreachable(baseUrl: string, error: unknown): CliError {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new CliError('Timeout', `no answer from ${baseUrl} within ${TIMEOUT_MS / 1000} s`);
  }
  // fetch reports "fetch failed" and keeps the real reason (ECONNREFUSED, ENOTFOUND…) in cause.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new CliError(
    'ServerUnreachable',
    `cannot reach the OpenSMH server at ${baseUrl} (${reason}). ` +
      'Is it running? Start it with `npm start` in the project folder, or point --url at it.',
  );
}

function failure(status: number, statusText: string, text: string, url: string): CliError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') {
      return new CliError(body.code, typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    }
  } catch {
    // not an SMH error body; fall through
  }
  return new CliError(`Http${status}`, `${status} ${statusText} from ${url}; is --url an OpenSMH server?`);
}

/** One JSON request; SMH error bodies become CliErrors carrying the server's code. */
export async function requestJson<T>(baseUrl: string, path: string, options: RequestOptions = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) {
      search.set(key, value);
    }
  }
  const url = `${baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.adminKey !== undefined) {
    headers.authorization = `Bearer ${options.adminKey}`;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    throw unreachable(baseUrl, error);
  }
  if (!response.ok) {
    throw failure(response.status, response.statusText, text, url);
  }
  if (text === '') {
    return undefined as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CliError('BadResponse', `${url} answered ${response.status} with a body that is not JSON`);
  }
}
