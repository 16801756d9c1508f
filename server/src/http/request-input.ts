import type { FastifyRequest } from 'fastify';
import { SmhError } from '../errors/smh-error.js';
import { normaliseCrc64 } from '../lib/crc64.js';
import { type ConflictStrategy, parseStrategy, STRATEGIES } from '../services/conflict.js';

/** Reading SMH's loosely typed query strings and JSON bodies, with SMH errors for bad input. */
export type Query = Record<string, string | undefined>;

export function queryOf(request: FastifyRequest): Query {
  const raw = (request.query ?? {}) as Record<string, string | string[] | undefined>;
  const out: Query = {};
  for (const [key, value] of Object.entries(raw)) {
    out[key] = Array.isArray(value) ? value[0] : value;
  }
  return out;
}

/** SMH action flags are value-less (`?info`) or `=1` (JS SDK); presence is what counts. */
export function hasFlag(query: Query, name: string): boolean {
  const value = query[name];
  return value !== undefined && value !== '0' && value !== 'false';
}

export function boolParam(query: Query, name: string): boolean {
  const value = query[name];
  return value === '1' || value === 'true' || value === '';
}

export function intParam(query: Query, name: string, fallback: number, min: number, max: number): number {
  const text = query[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SmhError('ParamInvalid', `${name} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

export function strategyParam(query: Query, fallback: ConflictStrategy, allowed = STRATEGIES): ConflictStrategy {
  // The iOS SDK spells it with hyphens on copy (files.md §5).
  return parseStrategy(query.conflict_resolution_strategy ?? query['conflict-resolution-strategy'], fallback, allowed);
}

export function optionalStrategy(query: Query): ConflictStrategy | undefined {
  const raw = query.conflict_resolution_strategy ?? query['conflict-resolution-strategy'];
  return raw === undefined || raw === '' ? undefined : parseStrategy(raw, 'rename');
}

/** A JSON object body, or {} when the body is empty. */
export function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) {
    return {};
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new SmhError('ParamInvalid', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string, maxLength = 1024): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new SmhError('ParamInvalid', `${field} must be a string of at most ${maxLength} characters.`);
  }
  return value;
}

export function optionalLabels(body: Record<string, unknown>): string[] | undefined {
  const value = body.labels;
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.length > 100 || value.some((label) => typeof label !== 'string' || label.length > 128)) {
    throw new SmhError('ParamInvalid', 'labels must be an array of at most 100 strings.');
  }
  return value as string[];
}

export function optionalCategory(body: Record<string, unknown>): string | undefined {
  const value = optionalString(body, 'category', 64);
  if (value !== undefined && Buffer.byteLength(value) > 16) {
    throw new SmhError('ParamInvalid', 'category must be at most 16 bytes.');
  }
  return value;
}

export function optionalCrc64(body: Record<string, unknown>): string | undefined {
  const value = body.crc64;
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const normalised = typeof value === 'string' || typeof value === 'number' ? normaliseCrc64(String(value)) : null;
  if (normalised === null) {
    throw new SmhError('ParamInvalid', 'crc64 must be an unsigned decimal string.');
  }
  return normalised;
}

const META_PREFIX = 'x-smh-meta-';
const MAX_META_BYTES = 8 * 1024;

/** Custom metadata from `x-smh-meta-*` headers; keys keep the prefix, as SMH returns them. */
export function metaHeaders(request: FastifyRequest): Record<string, string> {
  const meta: Record<string, string> = {};
  let bytes = 0;
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.startsWith(META_PREFIX) && key.length > META_PREFIX.length && typeof value === 'string') {
      meta[key] = value;
      bytes += key.length + Buffer.byteLength(value);
    }
  }
  if (bytes > MAX_META_BYTES) {
    throw new SmhError('ParamInvalid', `Custom metadata must not exceed ${MAX_META_BYTES} bytes.`);
  }
  return meta;
}

/** metaData objects in bodies use bare lowercase keys; stored with the x-smh-meta- prefix. */
export function metaObject(value: unknown, allowNull: boolean): Record<string, string | null> | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SmhError('ParamInvalid', 'metaData must be an object.');
  }
  const out: Record<string, string | null> = {};
  for (const [rawKey, item] of Object.entries(value)) {
    const key = rawKey.toLowerCase().startsWith(META_PREFIX) ? rawKey.toLowerCase() : `${META_PREFIX}${rawKey.toLowerCase()}`;
    if (!/^x-smh-meta-[a-z0-9_-]{1,128}$/.test(key)) {
      throw new SmhError('ParamInvalid', `Invalid metadata key "${rawKey}".`);
    }
    if (item === null && allowNull) {
      out[key] = null;
    } else if (typeof item === 'string') {
      out[key] = item;
    } else {
      throw new SmhError('ParamInvalid', `metaData.${rawKey} must be a string.`);
    }
  }
  return out;
}

/** Base URL clients reach us at, for upload targets and download links. */
export function baseUrlOf(request: FastifyRequest, publicUrl: string | null): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

export function domainOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}
