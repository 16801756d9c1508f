import type { Entry, EntryType } from './meta-store.js';

/**
 * One recycle-bin item (dirs.md §6): a deleted file, or a deleted directory with its whole
 * subtree. Its entries keep their rows, ids and blob references while in the bin.
 */
export interface RecycledItem {
  id: number;
  libraryId: string;
  /** the live space it came from */
  spaceId: string;
  /** the id of the deleted entry itself (the subtree's root) */
  entryId: string;
  /** where it was, including its own name */
  path: string;
  type: EntryType;
  /** bytes of every file in it, as the space's size counted them */
  size: number;
  fileCount: number;
  dirCount: number;
  removedAt: number;
  removedBy: string;
  /** retention when it was deleted (or extended since); 0 = kept until purged */
  retentionDays: number;
}

/** What the caller knows before the move; the counts come from the rows actually moved. */
export type NewRecycledItem = Omit<RecycledItem, 'id' | 'size' | 'fileCount' | 'dirCount'>;

export type RecycleOrder = 'name' | 'modificationTime' | 'size' | 'removalTime' | 'remainingTime';

/** Position in a bin listing: the order key of the last item, then its id (ties). */
export interface RecycleCursor {
  key: string | number;
  id: number;
}

export interface RecycleListOptions {
  orderBy: RecycleOrder;
  descending: boolean;
  /** page mode */
  offset: number;
  limit: number;
  /** marker mode: only items after this one */
  after: RecycleCursor | null;
  /** the space's retention now (0 = forever), which remainingTime also depends on */
  currentRetentionDays: number;
}

export interface RecycledListRow {
  item: RecycledItem;
  /** the deleted entry as it was (name, times, content type, crc64…) */
  entry: Entry;
  cursor: RecycleCursor;
}

export interface TreeStats {
  files: number;
  dirs: number;
  /** bytes of the files */
  bytes: number;
}

export interface RecycleRepo {
  /**
   * Records the item and moves the live subtree at `item.path` into the item's own bin
   * namespace with one UPDATE, then counts what moved (so the item's size is exactly what it
   * took out of the live tree, even against a concurrent delete). Returns null, having changed
   * nothing the caller's transaction keeps, when nothing was there to move; the caller must
   * then roll back (throw).
   */
  recycle(item: NewRecycledItem): Promise<{ id: number; stats: TreeStats } | null>;
  /** an item of this space that is not being purged */
  get(libraryId: string, spaceId: string, id: number): Promise<RecycledItem | null>;
  /** the deleted entry (subtree root) of an item */
  rootEntry(item: RecycledItem): Promise<Entry | null>;
  list(libraryId: string, spaceId: string, options: RecycleListOptions): Promise<RecycledListRow[]>;
  /** items not being purged */
  count(libraryId: string, spaceId: string): Promise<number>;
  /** files and directories inside the space's bin (not being purged) */
  contentCounts(libraryId: string, spaceId: string): Promise<{ files: number; dirs: number }>;
  /**
   * Forgets the item and moves its rows back into the live space, its root at `toPath`
   * (descendants follow): one DELETE plus one UPDATE. False when the item was no longer there
   * to take (restored or purged meanwhile); nothing changed then.
   */
  restore(item: RecycledItem, toPath: string): Promise<boolean>;
  /** hides items for purging (all of the space's when `ids` is null); returns how many it took */
  markPurging(libraryId: string, spaceId: string, ids: readonly number[] | null): Promise<number>;
  /** items R7/R8 marked and not purged yet, oldest first; all spaces when no space is named */
  listPurging(limit: number, space?: { libraryId: string; spaceId: string }): Promise<RecycledItem[]>;
  /** items whose stamped retention ran out by `now`, soonest first */
  listExpired(now: number, limit: number): Promise<RecycledItem[]>;
  /** re-stamps an item's retention (0 = forever) */
  setRetention(id: number, retentionDays: number, removedAt: number): Promise<void>;
  /**
   * Deletes the item's row and its entries; returns the blob references they held and the ids
   * of its non-directory entries (whose history versions go too), or null if the item was
   * already gone (another purger won), so callers free bytes and size only once.
   */
  purge(item: RecycledItem): Promise<{ refs: { blobKey: string; count: number }[]; fileIds: string[] } | null>;
  /** R9's override for the space, if any */
  spaceRetention(libraryId: string, spaceId: string): Promise<{ days: number; updatedAt: number } | null>;
  /** sets the override and extends existing items with a shorter (non-zero) retention */
  setSpaceRetention(libraryId: string, spaceId: string, days: number, now: number): Promise<void>;
  /** every blob reference held by the space's bin (space deletion) */
  blobRefsInSpace(libraryId: string, spaceId: string): Promise<{ blobKey: string; count: number }[]>;
  /** drops the space's bin: items, their entries and the override (space deletion) */
  deleteSpace(libraryId: string, spaceId: string): Promise<void>;
}

export const DAY_MS = 24 * 3600 * 1000;
