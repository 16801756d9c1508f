import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';
import { blobRefCounts, releaseBlobRefs } from './blob-refs.js';
import { LOCATION, recordEntries } from './change-feed.js';
import type { CommitHook } from './commit-hook.js';
import { dropHistoryOf } from './file-history.js';
import { goesToRecycleBin, recycleEntry } from './recycle-bin.js';
import type { SpaceContext } from './space-context.js';

/**
 * Removes a file, or a directory with its whole subtree, inside the caller's transaction: into
 * the recycle bin as one item when the library keeps one (and `permanent` is off), else for good
 * with its history versions. Returns the bin item id (or null) and the blobs that became
 * unreferenced, whose bytes the caller deletes after the commit.
 */
export async function removeEntry(
  tx: MetaRepos,
  ctx: SpaceContext,
  entry: Entry,
  options: { permanent: boolean; now: number; onCommit?: CommitHook<number | null> },
): Promise<{ itemId: number | null; unreferenced: string[] }> {
  if (goesToRecycleBin(ctx.actor.library, options.permanent)) {
    // One bin item for the whole subtree, moved with set-based statements (dirs.md §6).
    const itemId = await recycleEntry(tx, ctx, entry, options.now);
    await recordEntries(tx, ctx, 'FILE.TRASH', [entry], options.now, { location: LOCATION.recycleBin, extra: () => ({ recycledItemId: itemId }) });
    await options.onCommit?.(tx, itemId);
    return { itemId, unreferenced: [] };
  }
  const tree = entry.type === 'dir' ? await tx.entries.listTree(ctx.libraryId, ctx.spaceId, entry.path) : [entry];
  const bytes = tree.reduce((sum, item) => sum + (item.type === 'dir' ? 0 : item.size), 0);
  await recordEntries(tx, ctx, 'FILE.DELETE', [entry], options.now);
  await tx.entries.deleteTree(ctx.libraryId, ctx.spaceId, entry.path);
  await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, -bytes);
  await tx.entries.touch(ctx.libraryId, ctx.spaceId, entry.parent, options.now);
  await options.onCommit?.(tx, null);
  const history = await dropHistoryOf(tx, tree);
  return { itemId: null, unreferenced: [...history, ...(await releaseBlobRefs(tx, blobRefCounts(tree)))] };
}
