import { ERROR_CODES, type ErrorCode } from './codes.js';

/** The one error type services throw; the HTTP error handler renders it as SMH's JSON body. */
export class SmhError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message ?? ERROR_CODES[code][1], { cause: options?.cause });
    this.name = 'SmhError';
    this.code = code;
    this.status = ERROR_CODES[code][0];
    this.details = options?.details;
  }
}

export function smhError(code: ErrorCode, message?: string): SmhError {
  return new SmhError(code, message);
}

export function isSmhError(err: unknown, code?: ErrorCode): err is SmhError {
  return err instanceof SmhError && (code === undefined || err.code === code);
}
