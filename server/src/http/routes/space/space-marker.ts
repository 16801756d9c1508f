import { SmhError } from '../../../errors/smh-error.js';

/** Space list markers are opaque to clients; inside they carry the last space id listed. */
export function encodeSpaceMarker(lastSpaceId: string): string {
  return Buffer.from(JSON.stringify({ a: lastSpaceId })).toString('base64url');
}

export function decodeSpaceMarker(marker: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as { a?: unknown };
    if (typeof parsed.a === 'string') {
      return parsed.a;
    }
  } catch {
    // reported below
  }
  throw new SmhError('MarkerNotFound');
}
