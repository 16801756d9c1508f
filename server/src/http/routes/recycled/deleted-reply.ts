import type { FastifyReply } from 'fastify';
import { boolParam } from '../../request-input.js';
import type { SpaceRequest } from '../params.js';

/** `permanent=1` bypasses the recycle bin (files.md §8.1, dirs.md D9); `0` or absent uses it. */
export function permanentParam(input: SpaceRequest): boolean {
  return boolParam(input.query, 'permanent');
}

/** A delete's answer: 200 `{recycledItemId}` when it went to the bin, else 204. */
export function replyDeleted(reply: FastifyReply, recycledItemId: number | null): FastifyReply {
  return recycledItemId === null ? reply.status(204).send() : reply.status(200).send({ recycledItemId });
}
