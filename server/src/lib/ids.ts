import { randomBytes, randomUUID } from 'node:crypto';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomBase36(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) {
    out += BASE36[byte % 36];
  }
  return out;
}

/** `smh` + 13 base36 chars, the shape SMH library ids have. */
export function newLibraryId(): string {
  return `smh${randomBase36(13)}`;
}

/** `space` + 13 base36 chars, the shape SMH generated space ids have. */
export function newSpaceId(): string {
  return `space${randomBase36(13)}`;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `acctk` + 40 random base36-ish chars; opaque to clients. */
export function newAccessToken(): string {
  return `acctk${randomBytes(30).toString('hex')}`;
}

/** 32 hex chars, the shape SMH confirm keys and inodes have. */
export function newHexId(): string {
  return randomBytes(16).toString('hex');
}

export function newBlobKey(): string {
  return randomUUID();
}
