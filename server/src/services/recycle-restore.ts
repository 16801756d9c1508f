import { SmhError } from '../errors/smh-error.js';
import { contentTypeFor } from '../lib/mime.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { MetaRepos } from '../stores/meta/meta-store.js';
import type { RecycledItem } from '../stores/meta/recycle-store.js';
import { recordEntries, recordEntry } from './change-feed.js';
import { type ConflictStrategy, resolveTarget } from './conflict.js';
import { dropReplaced } from './file.service.js';
import { checkDirectoryPlacement, checkFilePlacement } from './library-rules.js';
import type { SpaceContext } from './space-context.js';

export interface RestoreOptions {
  /** R4 default `rename` (DOC-CN/EN 71123, dirs.md §12.5); R5 always renames */
  strategy: ConflictStrategy;
  /** restore_path_strategy=fallbackToRoot: the space root when the original parent is gone */
  fallbackToRoot: boolean;
}

function splitPath(path: string): { parent: string; name: string } {
  const slash = path.lastIndexOf('/');
  return { parent: slash < 0 ? '' : path.slice(0, slash), name: path.slice(slash + 1) };
}

/** A bin item may only land in the root where the library type allows it there. */
function checkRootPlacement(ctx: SpaceContext, item: RecycledItem, name: string): void {
  if (item.type === 'dir') {
    checkDirectoryPlacement(ctx.rules, parseSmhPath(name, 'dir'));
  } else {
    checkFilePlacement(ctx.rules, parseSmhPath(name, 'file'), contentTypeFor(name));
  }
}

/**
 * Restores one item inside the caller's transaction: picks the target (original place, or the
 * root), applies the conflict strategy, then moves the subtree's rows back in one UPDATE.
 * Sizes are unchanged (bin bytes were never subtracted) except for a file `overwrite` replaces.
 * Returns the final path and the blobs the replaced file no longer needs (free after commit).
 */
export async function restoreRecycledItem(
  tx: MetaRepos,
  ctx: SpaceContext,
  itemId: number,
  options: RestoreOptions,
  now: number,
): Promise<{ path: string; unreferenced: string[] }> {
  const item = await tx.recycled.get(ctx.libraryId, ctx.spaceId, itemId);
  if (!item) {
    throw new SmhError('RecycledItemNotFound');
  }
  const { parent, name } = splitPath(item.path);
  let targetParent = parent;
  const parentEntry = await tx.entries.get(ctx.libraryId, ctx.spaceId, parent);
  if (!parentEntry || parentEntry.type !== 'dir') {
    if (!options.fallbackToRoot) {
      throw new SmhError('DirectoryNotFound', 'The directory the item was deleted from no longer exists.');
    }
    targetParent = '';
    checkRootPlacement(ctx, item, name);
  }
  const resolved = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, { parent: targetParent, name }, options.strategy, item.type === 'dir');
  const unreferenced = await dropReplaced(tx, ctx, resolved);
  if (!(await tx.recycled.restore(item, resolved.path))) {
    throw new SmhError('RecycledItemNotFound');
  }
  await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
  // The client forgot the subtree at FILE.TRASH: every restored entry is announced, parents first.
  const restored = await tx.entries.listTree(ctx.libraryId, ctx.spaceId, resolved.path);
  const extra = { recycledItemId: itemId };
  const [top] = restored;
  if (resolved.replaces && top && restored.length === 1) {
    await recordEntry(tx, ctx, 'FILE.RESTORE', top, now, extra, resolved.replaces);
  } else {
    await recordEntries(tx, ctx, 'FILE.RESTORE', restored, now, { extra: () => extra });
  }
  return { path: resolved.path, unreferenced };
}
