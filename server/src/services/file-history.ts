import { SmhError } from '../errors/smh-error.js';
import type { Entry, EntryType, MetaRepos } from '../stores/meta/meta-store.js';
import type { FileVersion } from '../stores/meta/version-store.js';
import { blobRefCounts, releaseBlobRefs } from './blob-refs.js';
import { recordVersions } from './change-feed.js';
import type { ResolvedTarget } from './conflict.js';
import type { SpaceContext } from './space-context.js';

/**
 * Historical versions inside the caller's transaction (files.md §9). A version takes over the
 * blob reference its content had as the current file, so archiving copies no byte and changes
 * no reference count. Space sizes count every version's bytes, like copies and the recycle bin
 * (they occupy storage, so a quota must see them); historySize reports them per file.
 */

/** Directories and symlinks have no history (files.md §9.1). */
export function hasHistory(type: EntryType): boolean {
  return type !== 'dir' && type !== 'symlink';
}

/** Keeps the entry's current content as a new version of it. */
export async function archiveContent(tx: MetaRepos, entry: Entry, now: number): Promise<void> {
  const version = {
    libraryId: entry.libraryId,
    spaceId: entry.spaceId,
    entryId: entry.id,
    version: entry.versionId,
    name: entry.name,
    type: entry.type,
    blobKey: entry.blobKey as string,
    size: entry.size,
    contentType: entry.contentType,
    crc64: entry.crc64,
    etag: entry.etag,
    createdBy: entry.userId,
    creationWay: entry.versionId <= 1 ? 0 : 1,
    createdAt: entry.modifiedAt,
    setLatestAt: entry.modifiedAt,
    archivedAt: now,
  };
  const id = await tx.versions.insert(version);
  await recordVersions(tx, 'HISTORY.CREATE', [{ ...version, id }], now);
}

/**
 * Deletes versions, subtracts their bytes from their spaces and drops their blob references.
 * Returns the blobs nobody references any more (delete them after commit) and how many rows
 * this call deleted: a racing deleter's rows are neither counted nor released twice.
 */
export async function dropVersions(
  tx: MetaRepos,
  versions: readonly FileVersion[],
  now = Date.now(),
): Promise<{ unreferenced: string[]; deleted: number }> {
  if (versions.length === 0) {
    return { unreferenced: [], deleted: 0 };
  }
  const gone = new Set(await tx.versions.delete(versions.map((version) => version.id)));
  const dropped = versions.filter((version) => gone.has(version.id));
  await recordVersions(tx, 'HISTORY.DELETE', dropped, now);
  const bytes = new Map<string, { libraryId: string; spaceId: string; size: number; oldest: number }>();
  const refs = new Map<string, number>();
  for (const version of dropped) {
    const key = `${version.libraryId}\n${version.spaceId}`;
    const sum = bytes.get(key) ?? { libraryId: version.libraryId, spaceId: version.spaceId, size: 0, oldest: version.archivedAt };
    bytes.set(key, { ...sum, size: sum.size + version.size, oldest: Math.min(sum.oldest, version.archivedAt) });
    refs.set(version.blobKey, (refs.get(version.blobKey) ?? 0) + 1);
  }
  for (const sum of bytes.values()) {
    // An orphan of a deleted space must not shrink a newer space that took the same id.
    const space = await tx.spaces.get(sum.libraryId, sum.spaceId);
    if (space && space.createdAt <= sum.oldest) {
      await tx.spaces.addSize(sum.libraryId, sum.spaceId, -sum.size);
    }
  }
  return { unreferenced: await releaseBlobRefs(tx, refs), deleted: dropped.length };
}

/** Drops a file's versions beyond the library's fileHistoryCount, oldest first. */
export async function trimHistory(tx: MetaRepos, entryId: string, keep: number | null): Promise<string[]> {
  if (keep === null) {
    return [];
  }
  return (await dropVersions(tx, await tx.versions.listBeyond(entryId, keep))).unreferenced;
}

/** Permanent deletes: the files' versions go with them. */
export async function dropHistoryOf(tx: MetaRepos, entries: readonly Entry[]): Promise<string[]> {
  const ids = entries.filter((entry) => hasHistory(entry.type)).map((entry) => entry.id);
  return ids.length === 0 ? [] : (await dropVersions(tx, await tx.versions.listOfEntries(ids))).unreferenced;
}

/**
 * files.md §5: an overwrite by move may not replace a file that has history versions, and copy
 * and recycle-bin restore neither, since replacing the entry would silently drop its history.
 */
export async function refuseOverwritingHistory(tx: MetaRepos, entry: Entry): Promise<void> {
  if ((await tx.versions.count(entry.id)).versions > 0) {
    throw new SmhError('OverwriteFileNotAllowed', 'The target file has historical versions; it cannot be overwritten this way.');
  }
}

/**
 * The upload side of an `overwrite` (confirm, instant upload): with history on, the replaced
 * content becomes a version unless the newest version was archived less than
 * fileHistoryMergeInterval seconds ago — then this overwrite replaces the current content in
 * place, so a burst of saves keeps one version (the state before the burst). Versions beyond
 * fileHistoryCount go. The replaced entry row is removed either way; the caller inserts the new
 * content under the same id, which keeps the versions attached. Returns blobs to free after commit.
 */
export async function replaceForUpload(tx: MetaRepos, ctx: SpaceContext, target: ResolvedTarget, now: number): Promise<string[]> {
  const replaced = target.replaces;
  if (!replaced) {
    return [];
  }
  await tx.entries.deleteTree(ctx.libraryId, ctx.spaceId, replaced.path);
  const settings = ctx.actor.library.settings;
  if (settings.enableFileHistory && hasHistory(replaced.type) && replaced.blobKey) {
    const newest = await tx.versions.newest(replaced.id);
    const mergeMs = settings.fileHistoryMergeInterval * 1000;
    if (!(newest && mergeMs > 0 && now - newest.archivedAt < mergeMs)) {
      await archiveContent(tx, replaced, now);
      return trimHistory(tx, replaced.id, settings.fileHistoryCount);
    }
  }
  await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, -replaced.size);
  return releaseBlobRefs(tx, blobRefCounts([replaced]));
}
