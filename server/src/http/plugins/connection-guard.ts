import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import type { Socket } from 'node:net';
import { type ServerOptions, STATUS_CODES } from 'node:http';
import { ERROR_CODES, type ErrorCode } from '../../errors/codes.js';
import { newHexId } from '../../lib/ids.js';

/**
 * Limits that keep slow or hostile clients from holding connections forever (issue 10 item 2):
 * - header timeout: the request line and headers must arrive within it (Node's headersTimeout);
 * - idle timeout: a connection with no bytes moving either way for this long is closed; this is
 *   the body timeout, and it lets a big upload run as long as it keeps sending;
 * - request timeout: an API request's body must be complete within it. Storage uploads (the
 *   target of upload PUTs and form POSTs) are exempt: they are bounded by the idle timeout only;
 * - per-address connection limit.
 * Every refusal is an SMH JSON body, also for errors the HTTP parser raises before Fastify runs.
 */
export interface ConnectionLimits {
  readonly headerTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** 0 = unlimited */
  readonly maxConnectionsPerClient: number;
}

const CHECK_INTERVAL_MS = 1000;

function rawResponse(code: ErrorCode, requestId = newHexId()): string {
  const [status, message] = ERROR_CODES[code];
  const body = JSON.stringify({ code, message, requestId });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    `x-smh-error-code: ${code}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Answers on a socket Fastify never saw a request on (parser errors, header timeout, over-limit). */
function refuse(socket: Socket, code: ErrorCode): void {
  if (socket.destroyed) {
    return;
  }
  if (socket.writable && socket.bytesWritten === 0) {
    socket.end(rawResponse(code));
    // a peer that never reads must not keep the socket open either
    setTimeout(() => socket.destroy(), CHECK_INTERVAL_MS).unref();
  } else {
    socket.destroy();
  }
}

function clientErrorCode(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return 'RequestHeaderFieldsTooLarge';
  }
  return error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'RequestTimeout' : 'BadRequest';
}

/** Options for `Fastify()`: Node's header timeout, the idle timeout and the parser-error answer. */
export function connectionServerOptions(limits: ConnectionLimits): Pick<FastifyServerOptions, 'connectionTimeout' | 'requestTimeout' | 'clientErrorHandler'> & { http: ServerOptions } {
  return {
    http: {
      headersTimeout: limits.headerTimeoutMs,
      // Node's requestTimeout would also cut off slow but steady uploads; ours skips them.
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, limits.headerTimeoutMs),
    },
    connectionTimeout: limits.idleTimeoutMs,
    requestTimeout: 0,
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      refuse(socket, clientErrorCode(error));
    },
  };
}

/** Ends a request Fastify is still reading with a 408, then closes its connection. */
function timeOut(reply: FastifyReply, socket: Socket): void {
  const raw = reply.raw;
  if (raw.headersSent || reply.sent) {
    socket.destroy();
    return;
  }
  reply.hijack();
  const requestId = String(reply.request.id);
  const [status, message] = ERROR_CODES.RequestTimeout;
  const body = JSON.stringify({ code: 'RequestTimeout', message, requestId });
  raw.writeHead(status, {
    'Content-Length': Buffer.byteLength(body),
    'Content-Type': 'application/json; charset=utf-8',
    'X-Request-Id': requestId,
    'x-smh-error-code': 'RequestTimeout',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  raw.end(body, () => socket.destroy());
  setTimeout(() => socket.destroy(), CHECK_INTERVAL_MS).unref();
}

/**
 * Installs the idle handler, the request timeout and the per-address limit on a built app.
 * `isStorageUpload` names the routes exempt from the request timeout.
 */
export function guardConnections(app: FastifyInstance, limits: ConnectionLimits, isStorageUpload: (url: string) => boolean): void {
  const inFlight = new WeakMap<Socket, FastifyReply>();
  const perAddress = new Map<string, number>();

  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, count);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) {
        perAddress.delete(address);
      } else {
        perAddress.set(address, left);
      }
    });
    if (limits.maxConnectionsPerClient > 0 && count > limits.maxConnectionsPerClient) {
      refuse(socket, 'TooManyConnections');
    }
  });

  // The idle timeout (server.setTimeout): with this listener Node leaves closing to us.
  app.server.on('timeout', (socket: Socket) => {
    const reply = inFlight.get(socket);
    if (reply && !reply.request.raw.complete) {
      app.log.info({ reqId: reply.request.id }, 'request body idle too long; closing');
      timeOut(reply, socket);
      return;
    }
    if (reply && !reply.raw.headersSent) {
      return; // the request is in and the server is still working on it: not the client's idleness
    }
    socket.destroy();
  });

  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket;
    inFlight.set(socket, reply);
    let timer: NodeJS.Timeout | undefined;
    if (limits.requestTimeoutMs > 0 && !request.raw.complete && !isStorageUpload(request.url)) {
      timer = setTimeout(() => {
        if (!request.raw.complete) {
          request.log.info('request not received within the request timeout; closing');
          timeOut(reply, socket);
        }
      }, limits.requestTimeoutMs);
      timer.unref();
    }
    reply.raw.once('close', () => {
      clearTimeout(timer);
      if (inFlight.get(socket) === reply) {
        inFlight.delete(socket);
      }
    });
  });
}
