/**
 * Quotas (core.md §5) and the usage figures they are measured against. Charging bytes is not
 * here: `spaces.addSize` does it, so no path that changes a space's size can forget the quota
 * (see repos/quota-usage.ts).
 */

/** What an admin sets on a quota. */
export interface QuotaPolicy {
  /** bytes */
  capacity: number;
  removeWhenExceed: boolean;
  removeAfterDays: number;
  removeNewest: boolean;
}

export interface Quota extends QuotaPolicy {
  id: number;
  libraryId: string;
  /** bytes stored in the covered spaces (recycle bin included, as in `spaces.size`) */
  used: number;
  /** the covered spaces, sorted */
  spaceIds: string[];
}

/** Bytes and entry counts below a directory. */
export interface SubtreeStats {
  bytes: number;
  files: number;
  dirs: number;
}

export interface QuotaRepo {
  /**
   * Locks the spaces' rows until commit (a size change of one of them waits, and then sees what
   * this transaction did) and returns the ids that exist and their summed size.
   */
  lockSpaces(libraryId: string, spaceIds: readonly string[]): Promise<{ found: string[]; bytes: number }>;
  /** inserts a quota covering `spaceIds` with `used` bytes already in them; returns its id */
  insert(libraryId: string, policy: QuotaPolicy, spaceIds: readonly string[], used: number, now: number): Promise<number>;
  get(libraryId: string, id: number): Promise<Quota | null>;
  /** the quota covering a space, if any */
  ofSpace(libraryId: string, spaceId: string): Promise<Quota | null>;
  list(libraryId: string): Promise<Quota[]>;
  setPolicy(libraryId: string, id: number, policy: QuotaPolicy, now: number): Promise<void>;
  /** replaces the covered spaces; `used` is their summed size, read under lockSpaces */
  setSpaces(libraryId: string, id: number, spaceIds: readonly string[], used: number): Promise<void>;
  /** the library counter its `LibraryQuota` is enforced on (0 until the first byte arrives) */
  libraryUsed(libraryId: string): Promise<number>;
  /** forgets the library's quotas and counter (library deletion) */
  deleteLibrary(libraryId: string): Promise<void>;
  /** bytes, files and directories strictly below `path` ('' = the whole space), one aggregate query */
  subtreeStats(libraryId: string, spaceId: string, path: string): Promise<SubtreeStats>;
}
