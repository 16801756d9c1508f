import type { FastifyReply, FastifyRequest } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { parseRange } from '../../../lib/range.js';
import { applyDownloadSecurity } from '../../download-security.js';
import { ifNoneMatchHits } from '../../if-none-match.js';
import { queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';


/**
 * GET/HEAD of a signed object URL (the `Location` of a download): streams the bytes with
 * Range, If-None-Match and the stored content type. Tampered or expired links get 403. The size
 * comes from the metadata row and the blob store reads in 1 MiB chunks; If-None-Match is
 * answered before any store is touched.
 */
export async function serveObject(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const { name } = request.params as { name: string };
  const object = services.downloads.verify(name, queryOf(request));
  reply.headers({
    'Content-Type': object.contentType || 'application/octet-stream',
    ETag: object.etag,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  });
  applyDownloadSecurity(reply, object.contentType, object.disposition, name);
  if (ifNoneMatchHits(request.headers['if-none-match'], object.etag)) {
    return reply.status(304).send();
  }
  // Behind nginx/Apache the web server sends the file (sendfile) and answers Range itself.
  const offload = services.downloads.offloadHeader(object);
  if (offload) {
    // the web server adds its own Accept-Ranges; nginx would otherwise send it twice
    reply.removeHeader('Accept-Ranges');
    return reply.status(200).header(offload.name, offload.value).send();
  }
  const size = await services.downloads.size(object);
  const range = parseRange(request.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${size}`);
    throw new SmhError('RangeNotSatisfiable');
  }
  if (range.kind === 'range') {
    reply.status(206).header('Content-Range', `bytes ${range.range.start}-${range.range.end}/${size}`);
    reply.header('Content-Length', range.range.end - range.range.start + 1);
  } else {
    reply.status(200).header('Content-Length', size);
  }
  if (request.method === 'HEAD') {
    return reply.send();
  }
  return reply.send(await services.downloads.open(object, range));
}
