import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const EXPOSED = [
  'X-Request-Id',
  'Location',
  'ETag',
  'Content-Range',
  'Content-Length',
  'Content-Disposition',
  'x-smh-type',
  'x-smh-creation-time',
  'x-smh-modification-time',
  'x-smh-content-type',
  'x-smh-size',
  'x-smh-etag',
  'x-smh-crc64',
  'x-smh-error-code',
].join(', ');

const META_PREFIX = 'x-smh-meta-';

/** The headers every response carries, preflight or not; also used where hooks do not run. */
export function applyCorsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  reply.header('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) {
    reply.header('Vary', 'Origin');
  }
  reply.header('Access-Control-Expose-Headers', EXPOSED);
}

/** SMH enables CORS for any origin (browsers call it directly); so do we, on every route. */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    applyCorsHeaders(request, reply);
    if (request.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, HEAD, PUT, POST, DELETE, OPTIONS');
      reply.header('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? '*');
      reply.header('Access-Control-Max-Age', '86400');
      return reply.status(204).send();
    }
  });
  // Custom metadata travels as `x-smh-meta-<key>` headers whose names are only known per
  // response, and Expose-Headers has no prefix wildcard; so name them once they are set.
  app.addHook('onSend', async (_request, reply, payload) => {
    const meta = Object.keys(reply.getHeaders()).filter((name) => name.toLowerCase().startsWith(META_PREFIX));
    if (meta.length > 0) {
      reply.header('Access-Control-Expose-Headers', `${EXPOSED}, ${meta.join(', ')}`);
    }
    return payload;
  });
}
