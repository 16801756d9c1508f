import type { FastifyReply } from 'fastify';

/**
 * 202 `{taskId}` (dirs.md §2.9). The job is in the queue table already; waking this node's worker
 * starts it now instead of at the worker's next poll (any node's worker may still take it).
 */
export function sendTaskAccepted(reply: FastifyReply, taskId: number): FastifyReply {
  reply.server.worker.wake();
  return reply.status(202).send({ taskId });
}
