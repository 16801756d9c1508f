import { parseSmhPath } from '../lib/smh-path.js';
import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Grant } from './actor.js';
import { blobRefCounts } from './blob-refs.js';
import { recordEntries } from './change-feed.js';
import type { CommitHook } from './commit-hook.js';
import { copiedEntry } from './entry-factory.js';
import { checkFilePlacement } from './library-rules.js';
import { type ShareRef, openShareSource } from './share-source.js';
import { openSpace, type SpaceContext } from './space-context.js';

export interface CopyOptions {
  /** the space to copy from when it is not the target's (D8, B2 `copyFromSpaceId`) */
  fromSpaceId?: string;
  /** runs inside the copy's transaction with the final path */
  onCommit?: CommitHook<string>;
  /** copy out of a share link (B2 with `share_access_token`), possibly of another library */
  fromShare?: ShareRef;
}

/**
 * The space a copy reads from. Within one space the operation's own grants apply; across spaces
 * of the library SMH asks for `admin` or `space_admin` (dirs.md §9 B2), and the token must cover
 * both spaces, which opening the source space (read) checks.
 */
export async function copySourceSpace(
  repos: MetaRepos,
  target: SpaceContext,
  fromSpaceId: string | undefined,
  grants: readonly Grant[],
  fromShare?: { ref: ShareRef; now: number },
): Promise<SpaceContext> {
  if (fromShare) {
    // Saving a share into one's own space needs the copy grants there; the share's own rules
    // (enabled, unexpired, canSaveToNetdisk, within the shared trees) govern the source side.
    requireGrant(target.actor, ...grants);
    return openShareSource(repos, fromShare.ref, fromShare.now);
  }
  if (fromSpaceId === undefined || fromSpaceId === target.spaceId) {
    requireGrant(target.actor, ...grants);
    return target;
  }
  requireGrant(target.actor, 'space_admin');
  return openSpace(repos, target.actor, fromSpaceId, 'read');
}

/**
 * Copies `source` and its subtree to `targetPath` in `to`, inside the caller's transaction.
 * Copies share blobs (reference counts go up), so no bytes are duplicated.
 */
export async function copyTree(tx: MetaRepos, from: SpaceContext, source: Entry, to: SpaceContext, targetPath: string, now: number): Promise<void> {
  const tree = await tx.entries.listTree(from.libraryId, from.spaceId, source.path);
  const crossSpace = from.spaceId !== to.spaceId;
  let addedBytes = 0;
  const copies: Entry[] = [];
  const sources = new Map<string, string>();
  for (const entry of tree) {
    const path = targetPath + entry.path.slice(source.path.length);
    if (crossSpace && entry.type !== 'dir') {
      // Spaces of one multi-tenant library may allow different extensions.
      checkFilePlacement(to.rules, parseSmhPath(path, 'file'), entry.contentType);
    }
    const copy = { ...copiedEntry(entry, path, to.actor.userId, now), libraryId: to.libraryId, spaceId: to.spaceId };
    await tx.entries.insert(copy);
    copies.push(copy);
    sources.set(copy.id, entry.id);
    addedBytes += entry.type === 'dir' ? 0 : entry.size;
  }
  for (const [key, count] of blobRefCounts(tree)) {
    await tx.blobs.addRef(key, count);
  }
  await tx.spaces.addSize(to.libraryId, to.spaceId, addedBytes);
  await recordEntries(tx, to, 'FILE.COPY', copies, now, { extra: (copy) => ({ sourceInode: sources.get(copy.id) }) });
}
