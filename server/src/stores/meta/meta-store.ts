/**
 * The metadata store: every fact about libraries, spaces, tokens, entries and uploads.
 * One interface split by area; `transaction(fn)` gives the same interface bound to one
 * database transaction. Implemented once over Kysely for SQLite and PostgreSQL.
 */
import type { LibrarySettings } from '../../services/library-settings.js';
import type { FeedRepo } from './feed-store.js';
import type { FavoriteRepo } from './favorite-store.js';
import type { RenditionRepo } from './rendition-store.js';
import type { QuotaRepo } from './quota-store.js';
import type { RecentRepo } from './recent-store.js';
import type { RecycleRepo } from './recycle-store.js';
import type { SearchRepo } from './search-store.js';
import type { ShareRepo } from './share-store.js';
import type { VersionRepo } from './version-store.js';
import type { JobRepo } from './job-store.js';
import type { OpsRepo } from './ops-store.js';
import type { UploadRepo } from './upload-store.js';

export type { Job, JobRepo, JobStatus, NewJob } from './job-store.js';
export type { OpsRepo, OpsStats } from './ops-store.js';
export type { Upload, UploadAttributes, UploadDigest, UploadKind, UploadPart, UploadRepo, UploadStatus } from './upload-store.js';

export interface Library {
  id: string;
  name: string;
  remark: string;
  secret: string;
  settings: LibrarySettings;
  createdAt: number;
  updatedAt: number;
}

export interface SpaceExtension {
  isPublicRead: boolean;
  isMultiAlbum: boolean;
  allowPhoto: boolean;
  allowVideo: boolean;
  allowPhotoExtname: string[];
  allowVideoExtname: string[];
  allowFileExtname: string[];
  recognizeSensitiveContent: boolean;
  spaceTag?: string;
}

export interface Space {
  libraryId: string;
  spaceId: string;
  userId: string;
  extension: SpaceExtension;
  size: number;
  createdAt: number;
}

export interface Token {
  tokenHash: string;
  libraryId: string;
  spaceIds: string[];
  userId: string;
  clientId: string;
  sessionId: string;
  grants: string[];
  /** spaces the token may touch must carry one of these tags; empty = no restriction */
  allowSpaceTags: string[];
  period: number;
  expiresAt: number;
  createdAt: number;
}

export interface Blob {
  key: string;
  size: number;
  md5: string;
  crc64: string;
  beginningHash: string | null;
  fullHash: string | null;
  refCount: number;
  createdAt: number;
}

export type EntryType = 'dir' | 'file' | 'image' | 'video' | 'symlink' | 'virtual';

export interface Entry {
  id: string;
  libraryId: string;
  spaceId: string;
  path: string;
  parent: string;
  name: string;
  type: EntryType;
  blobKey: string | null;
  size: number;
  contentType: string;
  crc64: string;
  etag: string;
  meta: Record<string, string>;
  labels: string[];
  category: string;
  localCreationTime: string;
  localModificationTime: string;
  userId: string;
  versionId: number;
  revision: number;
  createdAt: number;
  modifiedAt: number;
  /** symlinks: the target's entry id (follows renames and moves) */
  linkTargetId?: string | null;
  /** symlinks: the target's path as last seen (follows a new file uploaded over the target) */
  linkTargetPath?: string | null;
}

export type OrderBy = 'name' | 'modificationTime' | 'size' | 'creationTime' | 'localCreationTime' | 'localModificationTime';

export interface ListChildrenOptions {
  orderBy: OrderBy;
  descending: boolean;
  filter: 'onlyDir' | 'onlyFile' | null;
  /** 'union' sorts directories and files together; otherwise directories come first */
  union: boolean;
  offset: number;
  limit: number;
  /** keyset paging: only children after this one in the listing order (then offset is usually 0) */
  after?: ListCursor;
}

/**
 * A child's position in a listing: its group (directories first unless `union`), the value of
 * the order column and its name, which is unique among siblings and breaks ties. Markers built
 * from it survive inserts and deletes between pages, unlike offsets.
 */
export interface ListCursor {
  isDir: boolean;
  key: string | number;
  name: string;
}

/** D14's flat listing of a space (repos/space-contents.ts). */
export interface SpaceContentsOptions {
  orderBy: OrderBy;
  descending: boolean;
  filter: 'onlyDir' | 'onlyFile' | null;
  category?: string;
  /** keyset paging: entries after this one (its order value and id) */
  after?: { key: string | number; id: string };
  limit: number;
}

export interface LibraryRepo {
  insert(library: Library): Promise<void>;
  get(id: string): Promise<Library | null>;
  list(offset: number, limit: number, ids?: string[]): Promise<{ items: Library[]; total: number }>;
  update(library: Library): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface SpaceRepo {
  insert(space: Space): Promise<void>;
  get(libraryId: string, spaceId: string): Promise<Space | null>;
  /**
   * Spaces ordered by id, after `after` (exclusive). `userId` keeps the spaces that user created;
   * `alsoSpaceIds` adds these spaces to that filter (a space admin sees its own spaces too).
   */
  list(
    libraryId: string,
    options: { userId?: string; alsoSpaceIds?: readonly string[]; prefix?: string; after?: string; limit: number },
  ): Promise<Space[]>;
  count(libraryId: string): Promise<number>;
  updateExtension(libraryId: string, spaceId: string, extension: SpaceExtension): Promise<void>;
  /**
   * The one place bytes are counted: moves the space's size and, with it, the usage of its quota
   * and of a library quota. Adding throws QuotaLimitReached / LibraryQuotaLimitReached when they
   * have no room, so call it inside the transaction that adds the bytes (repos/quota-usage.ts).
   */
  addSize(libraryId: string, spaceId: string, delta: number): Promise<void>;
  /**
   * Moves only the quota counters (not the space's size): pending uploads with a declared size
   * hold their bytes there (positive, refused like addSize when full) and give them back (negative).
   */
  reserve(libraryId: string, spaceId: string, delta: number): Promise<void>;
  delete(libraryId: string, spaceId: string): Promise<void>;
  totalSize(libraryId: string): Promise<number>;
}

export interface TokenRepo {
  insert(token: Token): Promise<void>;
  get(tokenHash: string): Promise<Token | null>;
  setExpiry(tokenHash: string, expiresAt: number): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** deletes tokens of the given users, optionally narrowed to client ids and session ids */
  deleteByUser(libraryId: string, userIds: string[], clientIds: string[] | null, sessionIds: string[] | null): Promise<number>;
  deleteByLibrary(libraryId: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface BlobRepo {
  insert(blob: Blob): Promise<void>;
  get(key: string): Promise<Blob | null>;
  /** adds `delta` references; returns the new count */
  addRef(key: string, delta: number): Promise<number>;
  delete(key: string): Promise<void>;
  findByBeginningHash(beginningHash: string, size: number): Promise<Blob[]>;
  /** true while anything still needs the bytes: a blob row, or an upload task holding the key */
  isReferenced(key: string): Promise<boolean>;
  /**
   * A blob with these quick-upload hashes that a live file in `libraryId` references, in one of
   * `spaceIds` (null = any live space of the library), with that file's ETag; else null.
   * Instant upload links only such blobs, so knowing a hash never yields bytes one could not read.
   */
  findLinked(query: LinkedBlobQuery): Promise<{ blob: Blob; etag: string } | null>;
}

export interface LinkedBlobQuery {
  beginningHash: string;
  /** null = match on the beginning hash and size alone (the 202 probe) */
  fullHash: string | null;
  size: number;
  libraryId: string;
  spaceIds: readonly string[] | null;
}

export interface EntryRepo {
  insert(entry: Entry): Promise<void>;
  get(libraryId: string, spaceId: string, path: string): Promise<Entry | null>;
  getById(id: string): Promise<Entry | null>;
  update(id: string, patch: Partial<Omit<Entry, 'id' | 'libraryId' | 'spaceId'>>): Promise<void>;
  listChildren(libraryId: string, spaceId: string, parent: string, options: ListChildrenOptions): Promise<Entry[]>;
  countChildren(libraryId: string, spaceId: string, parent: string): Promise<{ files: number; dirs: number }>;
  /** names in `parent` that start with `prefix`; used to pick a free "name (n)" */
  namesWithPrefix(libraryId: string, spaceId: string, parent: string, prefix: string): Promise<string[]>;
  /** the entry at `path` and everything below it, ordered by path */
  listTree(libraryId: string, spaceId: string, path: string): Promise<Entry[]>;
  countTree(libraryId: string, spaceId: string, path: string): Promise<number>;
  /** rewrites `fromPath` and every descendant to live under `toPath`; one statement per column set */
  moveTree(libraryId: string, spaceId: string, fromPath: string, toPath: string, now: number): Promise<void>;
  deleteTree(libraryId: string, spaceId: string, path: string): Promise<void>;
  deleteSpace(libraryId: string, spaceId: string): Promise<void>;
  /** bumps a directory's revision (its eTag) and modification time after a child changed */
  touch(libraryId: string, spaceId: string, path: string, now: number): Promise<void>;
  /**
   * Row-locks the entry at `path` until the transaction ends (an UPDATE, so it works on both
   * dialects); with `touchAt` it also bumps the revision as `touch` does, inside the transaction.
   * False when no row is there, e.g. a directory moved or deleted by a transaction that held it.
   */
  lockRow(libraryId: string, spaceId: string, path: string, options?: { touchAt?: number }): Promise<boolean>;
  countSpace(libraryId: string, spaceId: string): Promise<{ files: number; dirs: number }>;
  /**
   * Moves `from.path` and its subtree to another space id under `to.path`, in one statement
   * (uncompress stages under a hidden space id and moves in at once).
   */
  moveTreeToSpace(libraryId: string, from: { spaceId: string; path: string }, to: { spaceId: string; path: string }, now: number): Promise<void>;
  /** every entry of a space but its root, flat, keyset-paged (D14) */
  listSpace(libraryId: string, spaceId: string, options: SpaceContentsOptions): Promise<Entry[]>;
  /** blob keys referenced by a space, with how many entries reference each */
  blobRefsInSpace(libraryId: string, spaceId: string): Promise<{ blobKey: string; count: number }[]>;
}

export interface SettingsRepo {
  /** returns the stored value, storing `value` first if the key is absent (first writer wins) */
  getOrCreate(key: string, value: string): Promise<string>;
}

/** Unreferenced blobs the orphan sweep has seen, so its grace period survives restarts. */
export interface OrphanRepo {
  /** records that the sweep saw `key` unreferenced now; returns when an earlier pass first saw it so, or null */
  sighted(key: string, now: number): Promise<number | null>;
  forget(key: string): Promise<void>;
  /** drops candidates a pass no longer saw (referenced again, or their blob is gone) */
  forgetUnseenSince(since: number): Promise<number>;
  count(): Promise<number>;
}

export interface MetaRepos {
  readonly libraries: LibraryRepo;
  readonly spaces: SpaceRepo;
  readonly tokens: TokenRepo;
  readonly blobs: BlobRepo;
  readonly entries: EntryRepo;
  readonly uploads: UploadRepo;
  readonly settings: SettingsRepo;
  readonly jobs: JobRepo;
  readonly searches: SearchRepo;
  readonly favorites: FavoriteRepo;
  readonly recent: RecentRepo;
  readonly recycled: RecycleRepo;
  readonly quotas: QuotaRepo;
  readonly versions: VersionRepo;
  readonly shares: ShareRepo;
  readonly renditions: RenditionRepo;
  /** counts for /metrics (ops-repo.ts) */
  readonly ops: OpsRepo;
  readonly orphans: OrphanRepo;
  /** the change feed (X2); append inside the transaction of the change */
  readonly feed: FeedRepo;
}

export interface TransactionOptions {
  /**
   * PostgreSQL only (SQLite has one writer). `serializable` (the default) lets read-then-write
   * code ignore concurrency. `read-committed` is for hot paths (upload confirm) whose every
   * read-then-write step is guarded by a row lock or a conditional statement instead: writers
   * then queue on hot rows (counters, the parent directory) instead of aborting each other, and
   * `touch` runs inside the transaction rather than after it.
   */
  isolation?: 'serializable' | 'read-committed';
}

export interface MetaStore extends MetaRepos {
  readonly dialect: 'sqlite' | 'postgres';
  /** runs `fn` in one transaction; everything it does through `tx` commits or rolls back together */
  transaction<T>(fn: (tx: MetaRepos) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}
