import type { FastifyRequest } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import type { BatchRequest } from '../../../services/batch-items.js';
import { type ConflictStrategy, parseStrategy } from '../../../services/conflict.js';
import type { Submitted } from '../../../services/batch.service.js';
import { batchHttpStatus, presentBatchItems } from '../../presenters/batch.js';
import type { SpaceRequest } from '../params.js';
import { sendTaskAccepted } from '../task-accepted.js';

/** SMH's limit per batch request (dirs.md §9). */
export const MAX_BATCH_ITEMS = 1000;

export type RawItem = Record<string, unknown>;

/** The JSON array every batch takes: 1 to 1000 objects. */
export function batchItems(request: FastifyRequest): RawItem[] {
  const body = request.body;
  if (body === undefined || body === null) {
    throw new SmhError('NoItemsProvided');
  }
  if (!Array.isArray(body)) {
    throw new SmhError('ParamInvalid', 'The request body must be a JSON array of items.');
  }
  if (body.length === 0) {
    throw new SmhError('NoItemsProvided');
  }
  if (body.length > MAX_BATCH_ITEMS) {
    throw new SmhError('TooManyItems', `A batch holds at most ${MAX_BATCH_ITEMS} items, got ${body.length}.`);
  }
  return body.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new SmhError('ParamInvalid', `Item ${index} must be an object.`);
    }
    return item as RawItem;
  });
}

export function itemPath(item: RawItem, field: string, index: number): string {
  const value = item[field];
  if (typeof value !== 'string') {
    throw new SmhError('ParamInvalid', `Item ${index}: ${field} must be a string.`);
  }
  return value;
}

/** An optional string field; empty counts as absent. */
export function itemOptionalString(item: RawItem, field: string, index: number): string | undefined {
  const value = item[field];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new SmhError('ParamInvalid', `Item ${index}: ${field} must be a string.`);
  }
  return value;
}

/** SDKs send flags as booleans, 0/1 or strings (dirs.md §12.9). */
export function itemFlag(item: RawItem, field: string, index: number): boolean {
  const value = item[field];
  if (value === undefined || value === null) {
    return false;
  }
  if (value === true || value === 1 || value === '1' || value === 'true') {
    return true;
  }
  if (value === false || value === 0 || value === '0' || value === 'false') {
    return false;
  }
  throw new SmhError('ParamInvalid', `Item ${index}: ${field} must be a boolean.`);
}

export function itemStrategy(item: RawItem, index: number): ConflictStrategy | undefined {
  const value = item.conflictResolutionStrategy ?? item.conflict_resolution_strategy;
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new SmhError('InvalidConflictResolutionStrategy', `Item ${index}: conflictResolutionStrategy must be a string.`);
  }
  return parseStrategy(value, 'rename');
}

/** 200/207 `{result}` for a batch run at once, 202 `{taskId}` for one queued as a task. */
export function sendSubmitted(input: SpaceRequest, request: BatchRequest, submitted: Submitted): unknown {
  if ('taskId' in submitted) {
    return sendTaskAccepted(input.reply, submitted.taskId);
  }
  return input.reply.status(batchHttpStatus(submitted.outcomes)).send({ result: presentBatchItems(request, submitted.outcomes) });
}
