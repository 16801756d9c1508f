import { SmhError } from '../errors/smh-error.js';
import type { Entry, Library, MetaRepos } from '../stores/meta/meta-store.js';
import type { Grant } from './actor.js';
import { currentRetentionDays } from './recycle-retention.js';
import type { SpaceContext } from './space-context.js';

/**
 * Moving live entries into the recycle bin (dirs.md §6, D9, files.md §8.1), shared by every
 * delete path. Recycled entries keep their blobs, and their bytes keep counting in the space's
 * size until they are purged: the bytes still occupy storage, so a quota must see them (SMH
 * reports them apart only in file-count's recycledFileNum / recycledDirNum).
 */

/** Whether a delete goes to the bin: the library has one and the caller did not ask for `permanent`. */
export function goesToRecycleBin(library: Library, permanent: boolean): boolean {
  return library.settings.useRecycleBin && !permanent;
}

/**
 * The grant a delete needs: the `*_permanent` one only when the bin is on and the caller
 * bypasses it; with the bin off a delete is permanent anyway and the plain grant covers it.
 */
export function deleteGrant(library: Library, permanent: boolean, plain: Grant, permanentGrant: Grant): Grant {
  return library.settings.useRecycleBin && permanent ? permanentGrant : plain;
}

/**
 * Moves `entry` (with its subtree, for a directory) into the bin as ONE item, inside the
 * caller's transaction: one insert, one UPDATE of the subtree's rows, one aggregate query.
 * Returns the recycled item id.
 */
export async function recycleEntry(tx: MetaRepos, ctx: SpaceContext, entry: Entry, now: number): Promise<number> {
  const recycled = await tx.recycled.recycle({
    libraryId: ctx.libraryId,
    spaceId: ctx.spaceId,
    entryId: entry.id,
    path: entry.path,
    type: entry.type,
    removedAt: now,
    removedBy: ctx.actor.userId,
    retentionDays: await currentRetentionDays(tx, ctx.actor.library, ctx.spaceId),
  });
  if (!recycled) {
    // A concurrent delete took it between our read and the move.
    throw new SmhError(entry.type === 'dir' ? 'DirectoryNotFound' : 'FileNotFound');
  }
  await tx.entries.touch(ctx.libraryId, ctx.spaceId, entry.parent, now);
  return recycled.id;
}
