/** Every failure the client raises is an OpenSmhError, so callers need one `instanceof`. */
export class OpenSmhError extends Error {
  override readonly name: string = 'OpenSmhError';
}

/**
 * An error answer from the server: SMH's `{code, message, requestId}` plus the HTTP status.
 * `code` is SMH's code (e.g. `FileNotFound`, `BadCrc64`); answers without an SMH body (a proxy's
 * 502, a storage 403) get a code derived from the status, e.g. `HttpStatus502`.
 */
export class SmhApiError extends OpenSmhError {
  override readonly name = 'SmhApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    /** method and URL without the query (which may carry the access token) */
    readonly request: string,
  ) {
    super(`${code}: ${message} (HTTP ${status}${requestId ? `, request ${requestId}` : ''})`);
  }
}

/** The bytes that arrived (or were stored) do not have the CRC-64 they should have. */
export class Crc64MismatchError extends OpenSmhError {
  override readonly name = 'Crc64MismatchError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
    readonly stage: 'upload' | 'download',
  ) {
    super(`CRC-64 mismatch on ${stage} of ${path}: expected ${expected}, got ${actual}`);
  }
}

/** The network failed (no HTTP answer at all). */
export class NetworkError extends OpenSmhError {
  override readonly name = 'NetworkError';
  constructor(
    readonly request: string,
    override readonly cause: unknown,
  ) {
    super(`network error on ${request}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A task (batch copy, recycle restore, …) finished with a failure status. */
export class TaskFailedError extends OpenSmhError {
  override readonly name = 'TaskFailedError';
  constructor(
    readonly taskId: number,
    readonly status: number,
    readonly result: unknown,
  ) {
    super(`task ${taskId} finished with status ${status}: ${JSON.stringify(result)}`);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
