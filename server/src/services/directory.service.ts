import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath, type SmhPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, ListChildrenOptions, ListCursor, MetaRepos, MetaStore, OrderBy } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import { recordEntries, recordEntry } from './change-feed.js';
import type { CommitHook } from './commit-hook.js';
import type { ConflictStrategy } from './conflict.js';
import { resolveTarget } from './conflict.js';
import type { Clock } from './deps.js';
import { newDirectoryEntry } from './entry-factory.js';
import { ChildCounts } from './child-counts.js';
import { checkDirectoryPlacement, defaultListOrder } from './library-rules.js';
import { deleteGrant } from './recycle-bin.js';
import { removeEntry } from './remove-entry.js';
import { openSpace, requireSource, type SpaceContext } from './space-context.js';
import { type CopyOptions, copySourceSpace, copyTree } from './tree-copy.js';

export interface DirectoryAttributes {
  meta?: Record<string, string>;
  labels?: string[];
  localCreationTime?: string;
  localModificationTime?: string;
}

export interface Listing {
  directory: Entry;
  contents: Entry[];
  fileCount: number;
  subDirCount: number;
  /** where the next page starts (keyset), null on the last page */
  nextCursor: ListCursor | null;
  /** the order applied (the library's default when the client named none) */
  orderBy: OrderBy;
  /** the caller's `isFresh` held: nothing was read past the directory itself */
  notModified?: boolean;
}

export type ListOptions = Omit<ListChildrenOptions, 'orderBy' | 'after'> & {
  /** undefined = the library's default order */
  orderBy?: OrderBy;
  /** a marker's cursor, with the order it was issued for */
  after?: ListCursor & { orderBy: OrderBy };
  /** checked against the directory before any child is read (If-None-Match) */
  isFresh?: (directory: Entry) => boolean;
};

/** The listing position of `entry` under `orderBy`, for keyset markers. */
export function cursorOf(entry: Entry, orderBy: OrderBy): ListCursor {
  const keys: Record<OrderBy, string | number> = {
    name: entry.name,
    modificationTime: entry.modifiedAt,
    size: entry.size,
    creationTime: entry.createdAt,
    localCreationTime: entry.localCreationTime,
    localModificationTime: entry.localModificationTime,
  };
  return { isDir: entry.type === 'dir', key: keys[orderBy], name: entry.name };
}

/**
 * Creates every missing directory of `path` (mkdir -p). A file in the way is a conflict, as in
 * SMH, whatever the strategy.
 */
export async function ensureDirectories(tx: MetaRepos, ctx: SpaceContext, path: SmhPath, now: number): Promise<void> {
  for (let depth = 1; depth <= path.segments.length; depth += 1) {
    const current = path.segments.slice(0, depth).join('/');
    const existing = await tx.entries.get(ctx.libraryId, ctx.spaceId, current);
    if (existing) {
      if (existing.type !== 'dir') {
        throw new SmhError('SameNameDirectoryOrFileExists', `"${current}" is a file.`);
      }
      continue;
    }
    checkDirectoryPlacement(ctx.rules, parseSmhPath(current, 'dir'));
    const entry = newDirectoryEntry(ctx.libraryId, ctx.spaceId, current, ctx.actor.userId, now);
    await tx.entries.insert(entry);
    await tx.entries.touch(ctx.libraryId, ctx.spaceId, entry.parent, now);
    await recordEntries(tx, ctx, 'FILE.CREATE', [entry], now);
  }
}

export class DirectoryService {
  private readonly childCounts: ChildCounts;

  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {
    this.childCounts = new ChildCounts(deps.meta);
  }

  private parse(ctx: SpaceContext, raw: string): SmhPath {
    return parseSmhPath(raw, 'dir', ctx.rules.maxNameLength);
  }

  async create(
    actor: Actor,
    spaceId: string,
    rawPath: string,
    strategy: ConflictStrategy,
    attributes: DirectoryAttributes,
  ): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'create_directory');
    const path = this.parse(ctx, rawPath);
    if (path.path === '') {
      throw new SmhError('EmptyPath');
    }
    checkDirectoryPlacement(ctx.rules, path);
    const now = this.deps.clock.now();
    return this.deps.meta.transaction(async (tx) => {
      await ensureDirectories(tx, ctx, parseSmhPath(path.parent, 'dir'), now);
      const target = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, path, strategy, true);
      const entry = newDirectoryEntry(ctx.libraryId, ctx.spaceId, target.path, actor.userId, now, attributes);
      await tx.entries.insert(entry);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, target.parent, now);
      await recordEntries(tx, ctx, 'FILE.CREATE', [entry], now);
      return entry;
    });
  }

  async list(
    actor: Actor,
    spaceId: string,
    rawPath: string,
    options: ListOptions,
  ): Promise<Listing> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const path = this.parse(ctx, rawPath);
    const directory = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!directory || directory.type !== 'dir') {
      throw new SmhError('DirectoryNotFound');
    }
    const orderBy = options.orderBy ?? defaultListOrder(ctx.rules, path);
    if (options.after && options.after.orderBy !== orderBy) {
      throw new SmhError('MarkerNotFound', 'The marker was issued for another order.');
    }
    if (options.isFresh?.(directory)) {
      return { directory, contents: [], fileCount: 0, subDirCount: 0, nextCursor: null, orderBy, notModified: true };
    }
    // One extra row tells whether another page follows without a second count query.
    const rows = await this.deps.meta.entries.listChildren(ctx.libraryId, ctx.spaceId, path.path, {
      ...options,
      orderBy,
      limit: options.limit + 1,
    });
    const counts = await this.childCounts.of(directory);
    const hasMore = rows.length > options.limit;
    const contents = rows.slice(0, options.limit);
    const last = contents[contents.length - 1];
    return {
      directory,
      contents,
      fileCount: counts.files,
      subDirCount: counts.dirs,
      nextCursor: hasMore && last ? cursorOf(last, orderBy) : null,
      orderBy,
    };
  }

  /** Info on a file or directory (D4); the root is a directory too. */
  async info(actor: Actor, spaceId: string, rawPath: string): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const path = this.parse(ctx, rawPath);
    const entry = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!entry) {
      throw new SmhError(path.path === '' ? 'DirectoryNotFound' : 'PathNotFound');
    }
    return entry;
  }

  async exists(actor: Actor, spaceId: string, rawPath: string): Promise<Entry> {
    const entry = await this.info(actor, spaceId, rawPath).catch((error: unknown) => {
      throw error instanceof SmhError && error.code === 'PathNotFound' ? new SmhError('DirectoryNotFound') : error;
    });
    if (entry.type !== 'dir') {
      throw new SmhError('DirectoryNotFound');
    }
    return entry;
  }

  /** `source` is null when it lives in another space, where the target cannot be inside it. */
  private target(ctx: SpaceContext, rawPath: string, source: Entry | null): SmhPath {
    const target = this.parse(ctx, rawPath);
    if (target.path === '') {
      throw new SmhError('RootDirectoryNotAllowed');
    }
    if (source && (target.path === source.path || target.path.startsWith(`${source.path}/`))) {
      throw new SmhError('SourceDirectoryIsParentOfDestination');
    }
    checkDirectoryPlacement(ctx.rules, target);
    return target;
  }

  /** Moves a directory with its subtree in one transaction; bytes never move (D6). */
  async move(
    actor: Actor,
    spaceId: string,
    rawTarget: string,
    rawFrom: unknown,
    strategy: ConflictStrategy,
    onCommit?: CommitHook<string>,
  ): Promise<string> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'move_directory');
    const now = this.deps.clock.now();
    return this.deps.meta.transaction(async (tx) => {
      const source = await requireSource(tx, ctx, rawFrom, 'dir');
      const target = this.target(ctx, rawTarget, source);
      await ensureDirectories(tx, ctx, parseSmhPath(target.parent, 'dir'), now);
      const resolved = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, target, strategy, true);
      await tx.entries.moveTree(ctx.libraryId, ctx.spaceId, source.path, resolved.path, now);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, source.parent, now);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
      const moved = await tx.entries.get(ctx.libraryId, ctx.spaceId, resolved.path);
      if (moved) {
        await recordEntry(tx, ctx, 'FILE.MOVE', moved, now, { fromPath: source.path });
      }
      await onCommit?.(tx, resolved.path);
      return resolved.path;
    });
  }

  /** Copies a directory tree, in this space or from another one (D7, D8); copies share blobs. */
  async copy(
    actor: Actor,
    spaceId: string,
    rawTarget: string,
    rawFrom: unknown,
    strategy: ConflictStrategy,
    options: CopyOptions = {},
  ): Promise<string> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    const fromShare = options.fromShare && { ref: options.fromShare, now: this.deps.clock.now() };
    const from = await copySourceSpace(this.deps.meta, ctx, options.fromSpaceId, ['copy_directory'], fromShare);
    const now = this.deps.clock.now();
    return this.deps.meta.transaction(async (tx) => {
      const source = await requireSource(tx, from, rawFrom, 'dir');
      const target = this.target(ctx, rawTarget, from === ctx ? source : null);
      await ensureDirectories(tx, ctx, parseSmhPath(target.parent, 'dir'), now);
      const resolved = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, target, strategy, true);
      await copyTree(tx, from, source, ctx, resolved.path, now);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
      await options.onCommit?.(tx, resolved.path);
      return resolved.path;
    });
  }

  /**
   * Deletes a directory and its subtree as one operation (D9): into the recycle bin when on,
   * returning the item id; else for good (null), then frees unreferenced bytes.
   */
  async delete(
    actor: Actor,
    spaceId: string,
    rawPath: string,
    onCommit?: CommitHook<number | null>,
    options: { permanent?: boolean } = {},
  ): Promise<number | null> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    const permanent = options.permanent ?? false;
    requireGrant(actor, deleteGrant(actor.library, permanent, 'delete_directory', 'delete_directory_permanent'));
    const path = this.parse(ctx, rawPath);
    if (path.path === '') {
      throw new SmhError('RootDirectoryNotAllowed');
    }
    const now = this.deps.clock.now();
    const { itemId, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      const entry = await tx.entries.get(ctx.libraryId, ctx.spaceId, path.path);
      if (!entry || entry.type !== 'dir') {
        throw new SmhError('DirectoryNotFound');
      }
      return removeEntry(tx, ctx, entry, { permanent, now, onCommit });
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return itemId;
  }

  /** Labels, category, local times and custom metadata of a file or directory (?update). */
  async update(
    actor: Actor,
    spaceId: string,
    rawPath: string,
    patch: { labels?: string[]; category?: string; localCreationTime?: string; localModificationTime?: string; meta?: Record<string, string | null>; replaceMeta: boolean; contentType?: string },
  ): Promise<void> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'space_admin');
    const path = this.parse(ctx, rawPath);
    const entry = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!entry || path.path === '') {
      throw new SmhError(path.path === '' ? 'RootDirectoryNotAllowed' : 'PathNotFound');
    }
    let meta = entry.meta;
    if (patch.meta !== undefined) {
      meta = patch.replaceMeta ? {} : { ...entry.meta };
      for (const [key, value] of Object.entries(patch.meta)) {
        if (value === null) {
          delete meta[key];
        } else {
          meta[key] = value;
        }
      }
    }
    const changes = {
      labels: patch.labels,
      category: entry.type === 'dir' ? undefined : patch.category,
      localCreationTime: patch.localCreationTime,
      localModificationTime: patch.localModificationTime,
      contentType: entry.type === 'dir' ? undefined : patch.contentType,
      meta,
    };
    await this.deps.meta.transaction(async (tx) => {
      await tx.entries.update(entry.id, changes);
      const updated = await tx.entries.getById(entry.id);
      if (!updated) {
        throw new SmhError('PathNotFound');
      }
      await recordEntry(tx, ctx, 'FILE.MODIFY', updated, this.deps.clock.now());
    });
  }
}
