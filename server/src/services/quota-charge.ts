/**
 * Quota enforcement for code that adds bytes to a space. Read this before writing a new path
 * that does (restore, versions, copies, imports…).
 *
 * 1. `chargeQuota(tx, libraryId, spaceId, bytes)` — call it INSIDE the transaction that makes
 *    the bytes visible (the entry insert), with a positive count to add and a negative one to
 *    release. It throws `QuotaLimitReached` (space quota) or `LibraryQuotaLimitReached`
 *    (LibraryExtension.EnableQuota) when there is no room; let the error propagate so the
 *    whole transaction rolls back. It is `tx.spaces.addSize` by another name: that repo method
 *    is the single place where `spaces.size`, the quota's `used` and the library's counter move
 *    together, so code already calling addSize is covered and must not call both.
 *    Why it cannot overshoot: each counter is moved by ONE conditional UPDATE
 *    (`used = used + n WHERE used + n <= capacity`; zero rows = full), see
 *    stores/meta/repos/quota-usage.ts. PostgreSQL serialises concurrent updates of the row and
 *    re-checks the condition against the committed value; SQLite has a single writer.
 * 2. `requireQuotaRoom(...)` — an early check with a helpful message for when the size is known
 *    before any bytes move (upload initiate with `filesize`). The initiate then RESERVES those
 *    bytes in the quota counters (`spaces.reserve`, the same conditional UPDATE), so pending
 *    uploads cannot together fill a space past its quota; confirm turns the reservation into
 *    real usage, cancel and expiry give it back (upload-commit.ts, upload-finish.ts).
 *
 * Bytes in the recycle bin still count (they occupy storage, as `spaces.size` says): recycling
 * and restoring move nothing, purging releases. Space deletion releases in `spaces.delete`.
 */
import { SmhError } from '../errors/smh-error.js';
import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';
import type { SpaceContext } from './space-context.js';

/**
 * The bytes an upload of `size` adds to the quota counters: an overwrite gets credit for the
 * file it replaces unless file history keeps that content as a version. 0 when unknown.
 * Upload initiate with `filesize` reserves this much (`spaces.reserve`) until the task ends.
 */
export function quotaBytesFor(ctx: SpaceContext, size: number | undefined, replaces: Entry | null): number {
  if (size === undefined) {
    return 0;
  }
  const freed = replaces && replaces.type !== 'dir' && !ctx.actor.library.settings.enableFileHistory ? replaces.size : 0;
  return Math.max(0, size - freed);
}

export async function chargeQuota(tx: MetaRepos, libraryId: string, spaceId: string, bytes: number): Promise<void> {
  await tx.spaces.addSize(libraryId, spaceId, bytes);
}

/**
 * Refuses an upload of `size` bytes that could not fit now; an overwrite gets credit for the
 * file it replaces unless file history keeps that content as a version. Nothing is held:
 * parallel uploads may all pass here and the commit decides.
 */
export async function requireQuotaRoom(repos: MetaRepos, ctx: SpaceContext, size: number | undefined, replaces: Entry | null): Promise<void> {
  const bytes = quotaBytesFor(ctx, size, replaces);
  if (bytes <= 0) {
    return;
  }
  const settings = ctx.actor.library.settings;
  const quota = await repos.quotas.ofSpace(ctx.libraryId, ctx.spaceId);
  if (quota && quota.used + bytes > quota.capacity) {
    throw new SmhError('QuotaLimitReached', `${Math.max(0, quota.capacity - quota.used)} bytes of the quota are left.`);
  }
  if (settings.enableQuota && settings.libraryQuota !== null) {
    const used = await repos.quotas.libraryUsed(ctx.libraryId);
    if (used + bytes > settings.libraryQuota) {
      throw new SmhError('LibraryQuotaLimitReached', `${Math.max(0, settings.libraryQuota - used)} bytes of the library quota are left.`);
    }
  }
}
