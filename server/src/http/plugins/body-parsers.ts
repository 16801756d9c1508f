import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../errors/smh-error.js';

export const JSON_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The business API's bodies are JSON, but SDKs send empty bodies with a JSON content type and
 * JSON with odd content types; so every content type is read as text and parsed as JSON when
 * not empty. Bad JSON is an SMH error, not a Fastify one.
 */
export function registerJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new SmhError('BadRequest', 'The request body is not valid JSON.'), undefined);
    }
  });
}

/** Storage routes take the body as a raw stream, whatever its type. */
export function registerRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => {
    done(null, payload);
  });
}
