import type { FastifyInstance } from 'fastify';

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

/** SMH enables CORS for any origin (browsers call it directly); so do we, on every route. */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('Access-Control-Allow-Origin', origin ?? '*');
    if (origin) {
      reply.header('Vary', 'Origin');
    }
    reply.header('Access-Control-Expose-Headers', EXPOSED);
    if (request.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, HEAD, PUT, POST, DELETE, OPTIONS');
      reply.header('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? '*');
      reply.header('Access-Control-Max-Age', '86400');
      await reply.status(204).send();
    }
  });
}
