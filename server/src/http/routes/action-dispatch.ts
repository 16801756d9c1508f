import type { FastifyRequest } from 'fastify';
import { SmhError } from '../../errors/smh-error.js';
import { hasFlag } from '../request-input.js';
import type { Services } from '../services.js';
import type { SpaceHandler, SpaceRequest } from './params.js';

/**
 * Strict dispatch for SMH's shared paths (files.md §2.1, dirs.md §1): one path carries many
 * operations, told apart by method, a value-less query flag and body keys. A flag we do not
 * implement must never fall through to the default operation (a `PUT ?virtual_file` that starts
 * an upload, a `PUT ?calibrate` that creates a directory), so every flag SMH defines is listed in
 * one table per path, and a request is refused unless exactly one row matches it.
 */
export type ActionMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface ActionRoute {
  method: ActionMethod;
  /** the query flag that selects this row; null = the method's flagless operation(s) */
  flag: string | null;
  /** among flagless rows: the JSON body key that selects this row (`from`, `copyFrom` …) */
  bodyKey?: string;
  /** SMH's name for the operation, quoted in errors */
  operation: string;
  /** null until implemented: the row answers 501 NotImplemented instead of doing anything */
  handler: SpaceHandler | null;
  /** query parameters that belong to this operation alone; elsewhere they are refused */
  params?: readonly string[];
  /** body keys that belong to this operation alone (`convertFrom` without `?convert` is refused) */
  ownBodyKeys?: readonly string[];
}

export interface ActionTable {
  /** the path as clients see it, for messages */
  readonly name: string;
  readonly routes: readonly ActionRoute[];
  /**
   * Flags SMH defines on other paths (dirs.md §2.3, hls, share). They select nothing here, but a
   * request carrying one clearly meant another operation, so it is refused rather than ignored.
   */
  readonly foreignFlags: readonly string[];
}

/** Action flags of SMH's other endpoints (dirs.md §2.3, files.md §8.9 hls, §11.1 share). */
export const FOREIGN_FLAGS = [
  'restore', 'delete', 'copy', 'move', 'cancel', 'update', 'lifecycle', 'stats', 'calibrate', 'preview', 'detail',
  'list', 'save', 'setEnabled', 'download', 'transcode', 'live_transcode', 'modify', 'info', 'upload', 'confirm',
  'renew', 'multipart', 'virtual_file', 'convert', 'uncompress', 'zip-preview', 'transcoding_template_id',
] as const;

/** Every flag the table knows: its own rows' flags and the foreign ones. */
export function knownFlags(table: ActionTable): string[] {
  const flags = new Set<string>(table.foreignFlags);
  for (const route of table.routes) {
    if (route.flag !== null) {
      flags.add(route.flag);
    }
  }
  return [...flags].sort();
}

function bodyKeys(request: FastifyRequest): string[] {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
}

function refuse(message: string): never {
  throw new SmhError('ParamInvalid', message);
}

/** The one row this request selects; throws an SMH error when none or several do. */
export function selectAction(table: ActionTable, method: ActionMethod, input: SpaceRequest): ActionRoute {
  const flags = knownFlags(table).filter((flag) => hasFlag(input.query, flag));
  if (flags.length > 1) {
    refuse(`Conflicting action flags on ${method} ${table.name}: ${flags.map((flag) => `?${flag}`).join(', ')}.`);
  }
  const flag = flags[0] ?? null;
  const rows = table.routes.filter((route) => route.method === method && route.flag === flag);
  if (rows.length === 0 && flag === null) {
    const flagged = table.routes.filter((route) => route.method === method).map((route) => `?${route.flag}`);
    throw new SmhError('RouteNotFound', `${method} ${table.name} needs one of ${flagged.join(', ')}.`);
  }
  if (rows.length === 0) {
    refuse(`?${flag} is not an operation of ${method} ${table.name}.`);
  }
  const keys = bodyKeys(input.request);
  const selecting = rows.filter((route) => route.bodyKey !== undefined && keys.includes(route.bodyKey));
  const otherSelectors = table.routes.filter(
    (route) => route.bodyKey !== undefined && keys.includes(route.bodyKey) && !selecting.includes(route),
  );
  if (selecting.length > 1 || otherSelectors.length > 0) {
    const named = [...selecting, ...otherSelectors].map((route) => route.bodyKey).join(', ');
    refuse(`Conflicting body keys on ${method} ${table.name}${flag ? `?${flag}` : ''}: ${named}.`);
  }
  const route = selecting[0] ?? rows.find((row) => row.bodyKey === undefined);
  if (!route) {
    refuse(`${method} ${table.name}${flag ? `?${flag}` : ''} needs one of the body keys ${rows.map((row) => row.bodyKey).join(', ')}.`);
  }
  for (const other of table.routes) {
    if (other === route) {
      continue;
    }
    const param = other.params?.find((name) => input.query[name] !== undefined && !route.params?.includes(name));
    if (param) {
      refuse(`Query parameter ${param} belongs to ${other.operation}, not to ${route.operation}.`);
    }
    const key = other.ownBodyKeys?.find((name) => keys.includes(name) && !route.ownBodyKeys?.includes(name));
    if (key) {
      refuse(`Body key ${key} belongs to ${other.operation}, not to ${route.operation}.`);
    }
  }
  return route;
}

/** Selects the row and runs it; rows without a handler answer 501 NotImplemented. */
export async function dispatchAction(
  table: ActionTable,
  method: ActionMethod,
  services: Services,
  input: SpaceRequest,
): Promise<unknown> {
  const route = selectAction(table, method, input);
  if (!route.handler) {
    const selector = route.flag ? `?${route.flag}` : route.bodyKey ? `body key ${route.bodyKey}` : 'this request';
    throw new SmhError('NotImplemented', `${route.operation} (${method} ${table.name} with ${selector}) is not implemented by this server.`);
  }
  return route.handler(services, input);
}
