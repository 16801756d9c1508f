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
 * caller's transaction: one aggregate query, one insert, one UPDATE of the subtree's rows.
 * Returns the recycled item id.
 */
export async function recycleEntry(tx: MetaRepos, ctx: SpaceContext, entry: Entry, now: number): Promise<number> {
  const stats =
    entry.type === 'dir'
      ? await tx.recycled.treeStats(ctx.libraryId, ctx.spaceId, entry.path)
      : { files: 1, dirs: 0, bytes: entry.size };
  const id = await tx.recycled.recycle({
    libraryId: ctx.libraryId,
    spaceId: ctx.spaceId,
    entryId: entry.id,
    path: entry.path,
    type: entry.type,
    size: stats.bytes,
    fileCount: stats.files,
    dirCount: stats.dirs,
    removedAt: now,
    removedBy: ctx.actor.userId,
    retentionDays: await currentRetentionDays(tx, ctx.actor.library, ctx.spaceId),
  });
  await tx.entries.touch(ctx.libraryId, ctx.spaceId, entry.parent, now);
  return id;
}
