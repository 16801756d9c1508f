import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../../errors/codes.js';
import { SmhError } from '../../errors/smh-error.js';
import { BlobNotFoundError } from '../../stores/blob/blob-store.js';
import { applyCorsHeaders } from './cors.js';

function send(reply: FastifyReply, request: FastifyRequest, error: SmhError): void {
  reply.header('x-smh-error-code', error.code);
  reply.status(error.status);
  if (request.method === 'HEAD') {
    reply.send();
    return;
  }
  reply.type('application/json; charset=utf-8').send({ code: error.code, message: error.message, requestId: request.id });
}

/** Fastify's own errors, mapped onto SMH codes. */
function fromFastify(error: FastifyError): SmhError | null {
  if (error.validation) {
    return new SmhError('ParamInvalid', error.message);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new SmhError('RequestEntityTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new SmhError('BadRequest', error.message);
    default:
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        return new SmhError('BadRequest', error.message);
      }
      return null;
  }
}

const STORAGE_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

/** Disk full anywhere underneath (blobs, SQLite, PostgreSQL's disk_full 53100, an S3 quota). */
function isStorageFull(error: FastifyError): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return STORAGE_FULL.has(String(error.code)) || STORAGE_FULL.has(String(cause?.code)) || error.name === 'QuotaExceeded';
}

function isDisconnect(error: NodeJS.ErrnoException, request: FastifyRequest): boolean {
  return (
    request.raw.destroyed ||
    error.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    error.code === 'ECONNRESET' ||
    error.name === 'AbortError'
  );
}

/** Every error leaves as SMH's JSON body: `{code, message, requestId}` plus `X-Request-Id`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof SmhError) {
      if (error.code === 'StorageFull') {
        request.log.warn({ err: error.cause ?? error }, 'storage full');
      } else if (error.status >= 500) {
        // A server-side give-up (e.g. ServiceBusy): the client sees the code, the log the cause.
        request.log.warn({ err: error, cause: error.cause }, `${error.code}: ${error.message}`);
      }
      send(reply, request, error);
      return;
    }
    if (error instanceof BlobNotFoundError) {
      send(reply, request, new SmhError('FileNotFound'));
      return;
    }
    const mapped = fromFastify(error);
    if (mapped) {
      send(reply, request, mapped);
      return;
    }
    if (isStorageFull(error)) {
      request.log.warn({ err: error }, 'storage full');
      send(reply, request, new SmhError('StorageFull'));
      return;
    }
    if (isDisconnect(error, request)) {
      request.log.info({ err: error }, 'client disconnected');
      send(reply, request, new SmhError('ClientDisconnected'));
      return;
    }
    request.log.error({ err: error }, 'unhandled error');
    send(reply, request, new SmhError('InternalServerError'));
  });
  app.setNotFoundHandler((request, reply) => {
    send(reply, request, new SmhError('RouteNotFound', `No API at ${request.method} ${request.url.split('?')[0]}.`));
  });
}

/**
 * Fastify's `frameworkErrors` hook: a malformed URL (bad percent-encoding) or an over-long path
 * parameter is rejected before routing, so no hook has set the request id or CORS headers yet,
 * and Fastify would answer with its own body shape.
 */
export function renderFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('X-Request-Id', request.id);
  applyCorsHeaders(request, reply);
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      send(reply, request, new SmhError('BadRequest', 'The URL is not correctly percent-encoded.'));
      return;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      send(reply, request, new SmhError('URITooLong'));
      return;
    default:
      request.log.error({ err: error }, 'framework error');
      send(reply, request, new SmhError('InternalServerError'));
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return value in ERROR_CODES;
}
