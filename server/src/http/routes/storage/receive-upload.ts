import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { SmhError } from '../../../errors/smh-error.js';
import { queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';

/** Aborts the store write when the client goes away, so the temp file is removed at once. */
export function abortOnDisconnect(request: FastifyRequest): AbortSignal {
  const controller = new AbortController();
  request.raw.on('close', () => {
    if (!request.raw.complete) {
      controller.abort();
    }
  });
  return controller.signal;
}

function bodyStream(request: FastifyRequest): Readable {
  // With no body at all Fastify hands us nothing; an empty file is still a valid upload.
  return (request.body as Readable | undefined) ?? request.raw;
}

/**
 * PUT {path} (simple upload) and PUT {path}?partNumber=&uploadId= (one part): the storage
 * side of SMH uploads (files.md §6.7). Answers 200 with the part's or object's ETag.
 */
export async function receiveUpload(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const { confirmKey } = request.params as { confirmKey: string };
  services.receiver.authorize(confirmKey, request.headers.authorization);
  const query = queryOf(request);
  await services.freeSpace.assertRoomFor(Number(request.headers['content-length'] ?? 0) || 0);
  const signal = abortOnDisconnect(request);
  let etag: string;
  if (query.partNumber !== undefined || query.uploadId !== undefined) {
    if (!query.uploadId) {
      throw new SmhError('EmptyCosUploadId');
    }
    etag = await services.receiver.receivePart(confirmKey, query.uploadId, Number(query.partNumber), bodyStream(request), signal);
  } else {
    etag = await services.receiver.receiveWhole(confirmKey, 'simple', bodyStream(request), signal);
  }
  return reply.header('ETag', etag).status(200).send();
}
