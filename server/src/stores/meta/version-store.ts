import type { EntryType } from './meta-store.js';

/**
 * A kept historical version of a file (files.md §9, migration 0007). It belongs to the file by
 * `entryId` and holds one reference on `blobKey`. The current content is not a version: it is
 * the entry itself.
 */
export interface FileVersion {
  id: number;
  libraryId: string;
  /** the live space whose size counts this version's bytes */
  spaceId: string;
  entryId: string;
  /** the file's versionId while this content was current */
  version: number;
  name: string;
  type: EntryType;
  blobKey: string;
  size: number;
  contentType: string;
  crc64: string;
  etag: string;
  createdBy: string;
  /** SMH creationWay: 0 first upload, 1 overwrite */
  creationWay: number;
  /** when the content was uploaded */
  createdAt: number;
  /** when it last became the current content */
  setLatestAt: number;
  /** when it became history: expiry and the merge interval count from here */
  archivedAt: number;
}

export type NewFileVersion = Omit<FileVersion, 'id'>;

export type VersionOrder = 'id' | 'creationTime' | 'size';

/** Keyset position in a version listing: the order key of the last row, then its id. */
export interface VersionCursor {
  key: number;
  id: number;
}

export interface VersionListOptions {
  orderBy: VersionOrder;
  descending: boolean;
  offset: number;
  limit: number;
  after: VersionCursor | null;
}

export interface VersionRepo {
  insert(version: NewFileVersion): Promise<number>;
  /** versions with these ids (any file, any library); the caller checks where they belong */
  getMany(ids: readonly number[]): Promise<FileVersion[]>;
  /** the most recently archived version of a file */
  newest(entryId: string): Promise<FileVersion | null>;
  list(entryId: string, options: VersionListOptions): Promise<FileVersion[]>;
  count(entryId: string): Promise<{ versions: number; bytes: number }>;
  /** history versions kept for files of a space (S7's historyFileNum) */
  countInSpace(libraryId: string, spaceId: string): Promise<number>;
  /** a file's versions beyond its `keep` most recent ones */
  listBeyond(entryId: string, keep: number): Promise<FileVersion[]>;
  listOfEntries(entryIds: readonly string[]): Promise<FileVersion[]>;
  /** deletes the rows and returns the ids actually deleted, so racing deleters free things once */
  delete(ids: readonly number[]): Promise<number[]>;
  /** versions of the library archived before `before` */
  listArchivedBefore(libraryId: string, before: number, limit: number): Promise<FileVersion[]>;
  /** versions whose file is gone for good (deleted, purged from the bin, space removed) */
  listOrphans(limit: number): Promise<FileVersion[]>;
}
