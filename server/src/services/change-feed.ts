import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';
import type { NewFeedEvent } from '../stores/meta/feed-store.js';
import type { FileVersion } from '../stores/meta/version-store.js';

/**
 * Writing the change feed (X2, files.md §8.9). Every function here runs inside the transaction
 * of the change it records, so a change and its event commit together or not at all.
 *
 * Event model (replayable by inode, as a sync client does it):
 * - FILE.CREATE / FILE.COPY / FILE.RESTORE: the entry now exists under `parentInode` with
 *   `name`. A directory copied or restored yields one event per entry of its subtree, parents
 *   first, since the client has never seen (or has forgotten) those inodes.
 * - FILE.MOVE: the entry (and, implicitly, its subtree) now lives under `parentInode`/`name`.
 * - FILE.MODIFY: same inode, new attributes or content.
 * - FILE.DELETE / FILE.TRASH: the entry and its subtree left the live tree (TRASH: location 1).
 * - FILE.<op>_OVERWRITE: as <op>, and `extraInfo.overwrittenInode` was replaced (it may be the
 *   event's own inode when an upload replaces a file's content in place).
 * - RECYCLE.DELETE: a recycle-bin item was purged; HISTORY.CREATE / DELETE / LATEST: versions.
 */
export type FeedEventType =
  | 'FILE.CREATE' | 'FILE.CREATE_OVERWRITE' | 'FILE.MODIFY' | 'FILE.DELETE' | 'FILE.TRASH'
  | 'FILE.COPY' | 'FILE.COPY_OVERWRITE' | 'FILE.MOVE' | 'FILE.MOVE_OVERWRITE'
  | 'FILE.RESTORE' | 'FILE.RESTORE_OVERWRITE'
  | 'RECYCLE.DELETE' | 'HISTORY.CREATE' | 'HISTORY.DELETE' | 'HISTORY.LATEST';

/** SMH `location`: where the entry is after the event. */
export const LOCATION = { live: 0, recycleBin: 1, history: 2 } as const;

export interface SpaceRef {
  readonly libraryId: string;
  readonly spaceId: string;
}

type Extra = Record<string, unknown>;

function payloadOf(entry: Entry, parentInode: string, location: number, extraInfo: Extra): Record<string, unknown> {
  return {
    inode: entry.id,
    parentInode,
    name: entry.name,
    path: entry.path,
    type: entry.type,
    size: entry.size,
    etag: entry.etag,
    crc64: entry.crc64,
    contentType: entry.contentType,
    category: entry.category,
    createdAt: entry.createdAt,
    modifiedAt: entry.modifiedAt,
    localCreationTime: entry.localCreationTime,
    localModificationTime: entry.localModificationTime,
    userId: entry.userId,
    versionId: entry.versionId,
    location,
    extraInfo,
  };
}

/** Parent inodes by path: from the batch itself first (a subtree lists parents first), else a lookup. */
async function parentInodes(tx: MetaRepos, space: SpaceRef, entries: readonly Entry[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const entry of entries) {
    if (!ids.has(entry.parent)) {
      const parent = await tx.entries.get(space.libraryId, space.spaceId, entry.parent);
      ids.set(entry.parent, parent?.id ?? '');
    }
    ids.set(entry.path, entry.id);
  }
  return ids;
}

/** Records one event per entry, in order. `extra` adds per-entry `extraInfo`. */
export async function recordEntries(
  tx: MetaRepos,
  space: SpaceRef,
  eventType: FeedEventType,
  entries: readonly Entry[],
  now: number,
  options: { location?: number; extra?: (entry: Entry) => Extra } = {},
): Promise<void> {
  if (entries.length === 0) {
    return;
  }
  const parents = await parentInodes(tx, space, entries);
  const events: NewFeedEvent[] = entries.map((entry) => ({
    eventType,
    payload: payloadOf(entry, parents.get(entry.parent) ?? '', options.location ?? LOCATION.live, options.extra?.(entry) ?? {}),
  }));
  await tx.feed.append(space.libraryId, space.spaceId, events, now);
}

/** One event for one entry; `overwritten` turns `FILE.X` into `FILE.X_OVERWRITE`. */
export async function recordEntry(
  tx: MetaRepos,
  space: SpaceRef,
  eventType: FeedEventType,
  entry: Entry,
  now: number,
  extraInfo: Extra = {},
  overwritten?: Entry | null,
): Promise<void> {
  const type = overwritten ? (`${eventType}_OVERWRITE` as FeedEventType) : eventType;
  const extra = overwritten ? { ...extraInfo, overwrittenInode: overwritten.id } : extraInfo;
  await recordEntries(tx, space, type, [entry], now, { extra: () => extra });
}

/** An upload (confirm or instant) committed `entry`, replacing `replaced` if any. */
export async function recordUpload(tx: MetaRepos, space: SpaceRef, entry: Entry, replaced: Entry | null, now: number, isRapidUpload: boolean): Promise<void> {
  await recordEntry(tx, space, 'FILE.CREATE', entry, now, { isRapidUpload }, replaced);
}

/** Version rows created, deleted or made current; grouped into their spaces' feeds. */
export async function recordVersions(tx: MetaRepos, eventType: FeedEventType, versions: readonly FileVersion[], now: number): Promise<void> {
  const bySpace = new Map<string, { space: SpaceRef; events: NewFeedEvent[] }>();
  for (const version of versions) {
    const key = `${version.libraryId}\n${version.spaceId}`;
    const group = bySpace.get(key) ?? { space: { libraryId: version.libraryId, spaceId: version.spaceId }, events: [] };
    group.events.push({
      eventType,
      payload: {
        inode: version.entryId,
        name: version.name,
        type: version.type,
        size: version.size,
        etag: version.etag,
        crc64: version.crc64,
        contentType: version.contentType,
        createdAt: version.createdAt,
        modifiedAt: version.setLatestAt,
        userId: version.createdBy,
        versionId: version.version,
        location: LOCATION.history,
        extraInfo: { historyId: version.id },
      },
    });
    bySpace.set(key, group);
  }
  for (const { space, events } of bySpace.values()) {
    // A version of a deleted space (an orphan being swept) has no feed left to write to.
    if (await tx.spaces.get(space.libraryId, space.spaceId)) {
      await tx.feed.append(space.libraryId, space.spaceId, events, now);
    }
  }
}

/** A recycle-bin item was purged for good (R6–R8, retention). */
export async function recordRecyclePurge(
  tx: MetaRepos,
  item: { libraryId: string; spaceId: string; id: number; entryId: string; path: string; type: string; size: number },
  now: number,
): Promise<void> {
  const name = item.path.slice(item.path.lastIndexOf('/') + 1);
  await tx.feed.append(item.libraryId, item.spaceId, [{
    eventType: 'RECYCLE.DELETE',
    payload: { inode: item.entryId, name, path: item.path, type: item.type, size: item.size, location: LOCATION.recycleBin, extraInfo: { recycledItemId: item.id } },
  }], now);
}
