import { SmhError } from '../../errors/smh-error.js';

/**
 * Opaque `nextMarker` strings for keyset-paged lists (favorites, recently used files): the
 * cursor as base64url JSON, like SMH's own base64 markers. Clients must not build them, so
 * anything that does not decode to the expected shape is MarkerInvalid.
 */
export function encodeOpaqueMarker(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeOpaqueMarker<T>(marker: string, isCursor: (value: unknown) => value is T): T {
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
  } catch {
    // reported below
  }
  if (!isCursor(value)) {
    throw new SmhError('MarkerInvalid');
  }
  return value;
}

/** A plain object whose listed fields have the listed `typeof`s. */
export function hasFields(value: unknown, fields: Record<string, 'string' | 'number'>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return Object.entries(fields).every(([name, type]) => typeof record[name] === type);
}
