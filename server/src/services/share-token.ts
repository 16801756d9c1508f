import { SmhError } from '../errors/smh-error.js';
import type { Signer } from '../lib/signing.js';
import type { Share } from '../stores/meta/share-store.js';

const PURPOSE = 'share-access';
/** SMH's share access tokens live 10 minutes (dirs.md §11.1 verify). */
export const SHARE_TOKEN_TTL_SECONDS = 600;

/** What a share access token proves: this visitor passed this share's check at this revision. */
export interface ShareGrant {
  readonly libraryId: string;
  readonly shareId: number;
  readonly revision: number;
  /** the signed-in visitor, '' for an anonymous one */
  readonly userId: string;
}

interface Payload {
  l: string;
  s: number;
  r: number;
  u: string;
  e: number;
}

/**
 * Share access tokens are signed, not stored: any node verifies them with the signing key kept
 * in the metadata store, and updating the share (a new revision) voids them all at once.
 */
export class ShareTokens {
  constructor(private readonly signer: Signer) {}

  mint(share: Share, userId: string, now: number): { token: string; expiresAt: number } {
    const e = Math.floor(now / 1000) + SHARE_TOKEN_TTL_SECONDS;
    const payload: Payload = { l: share.libraryId, s: share.id, r: share.revision, u: userId, e };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${body}.${this.signer.sign(PURPOSE, [body], e)}`, expiresAt: e * 1000 };
  }

  /** The grant of an untampered, unexpired token; ShareTokenInvalid otherwise. */
  read(token: string | undefined, now: number): ShareGrant {
    const [body, signature, extra] = (token ?? '').split('.');
    const payload = body && signature && extra === undefined ? parse(body) : null;
    if (!payload || !this.signer.verify(PURPOSE, [body as string], payload.e, signature as string, now)) {
      throw new SmhError('ShareTokenInvalid');
    }
    return { libraryId: payload.l, shareId: payload.s, revision: payload.r, userId: payload.u };
  }
}

function parse(body: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    const ok =
      typeof value.l === 'string' && Number.isInteger(value.s) && Number.isInteger(value.r) && typeof value.u === 'string' && Number.isInteger(value.e);
    return ok ? (value as Payload) : null;
  } catch {
    return null;
  }
}

/** The share a grant is for must be this one, at its current revision. */
export function requireGrantFor(share: Share, grant: ShareGrant): void {
  if (grant.libraryId !== share.libraryId || grant.shareId !== share.id) {
    throw new SmhError('ShareTokenInvalid', 'The share access token belongs to another share.');
  }
  if (grant.revision !== share.revision) {
    throw new SmhError('ShareHasBeenUpdated');
  }
}
