import { SmhError } from '../errors/smh-error.js';
import { newHexId } from '../lib/ids.js';
import type { MetaStore, Upload, UploadPart } from '../stores/meta/meta-store.js';
import type { Clock } from './deps.js';

/**
 * A confirm's lease on its upload while `confirming`. The expiry sweep takes an upload over only
 * once the lease lapsed (its confirmer died); a live confirm renews it while it hashes or joins.
 * Shorter than WAIT_FOR_OTHER_MS: a client that re-sends its confirm after the node died mid-join
 * takes the upload over within one wait instead of getting UploadConfirming for minutes.
 */
export const CONFIRM_LEASE_MS = 20_000;
const RENEW_EVERY_MS = CONFIRM_LEASE_MS / 5;
/** How long a second confirm of the same upload waits for the first to finish. */
const WAIT_FOR_OTHER_MS = 30_000;
const POLL_MS = 25;

export interface HeldUpload {
  claim: string;
  /** the row as of the claim: from here on only this confirm changes it */
  upload: Upload;
  /** a multipart upload's parts as of the claim (none once its parts were joined) */
  parts: UploadPart[];
}

/**
 * pending → confirming, one conditional UPDATE, with the parts listed in the same transaction
 * (so a part recorded concurrently is either listed or refused). When another confirm holds
 * the upload, waits for its outcome: confirmed (both answer the file), or released to pending
 * (this one claims it then).
 */
export async function claimUpload(deps: { meta: MetaStore; clock: Clock }, confirmKey: string): Promise<HeldUpload | { confirmed: Upload }> {
  const claim = newHexId();
  const giveUpAt = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const now = deps.clock.now();
    const outcome = await deps.meta.transaction(async (tx) => {
      if (!(await tx.uploads.claim(confirmKey, claim, now, now + CONFIRM_LEASE_MS))) {
        return { row: await tx.uploads.get(confirmKey) };
      }
      const upload = (await tx.uploads.get(confirmKey)) as Upload;
      const parts = upload.kind === 'multipart' && upload.blobKey === null ? await tx.uploads.listParts(confirmKey) : [];
      return { held: { claim, upload, parts } };
    });
    if (outcome.held) {
      return outcome.held;
    }
    const row = outcome.row;
    if (row?.status === 'confirmed') {
      return { confirmed: row };
    }
    if (row?.status !== 'confirming') {
      throw new SmhError('UploadNotFound');
    }
    if (Date.now() > giveUpAt) {
      throw new SmhError('UploadConfirming');
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Renews the lease in the background until stopped; a lost claim shows at the commit. */
export function keepClaim(deps: { meta: MetaStore; clock: Clock }, held: HeldUpload): { stop(): void } {
  const timer = setInterval(() => {
    void deps.meta.uploads.renewClaim(held.upload.confirmKey, held.claim, deps.clock.now() + CONFIRM_LEASE_MS).catch(() => false);
  }, RENEW_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
