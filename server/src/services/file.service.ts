import { SmhError } from '../errors/smh-error.js';
import { contentTypeFor } from '../lib/mime.js';
import { parseNonRootPath, type SmhPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaRepos, MetaStore } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Actor, Grant } from './actor.js';
import { blobRefCounts, deleteBlobs, releaseBlobRefs } from './blob-refs.js';
import { recordEntry } from './change-feed.js';
import type { CommitHook } from './commit-hook.js';
import { type ConflictStrategy, type ResolvedTarget, resolveTarget } from './conflict.js';
import type { Clock } from './deps.js';
import { copiedEntry } from './entry-factory.js';
import { refuseOverwritingHistory } from './file-history.js';
import { checkFilePlacement } from './library-rules.js';
import { deleteGrant } from './recycle-bin.js';
import { removeEntry } from './remove-entry.js';
import { openSpace, requireDirectory, requireFile, requireSource, type SpaceContext } from './space-context.js';
import { type CopyOptions, copySourceSpace } from './tree-copy.js';

/**
 * Removes the file an `overwrite` replaces, inside the caller's transaction; returns the blobs
 * that became unreferenced (to delete after commit).
 */
export async function dropReplaced(tx: MetaRepos, ctx: SpaceContext, target: ResolvedTarget): Promise<string[]> {
  if (!target.replaces) {
    return [];
  }
  await refuseOverwritingHistory(tx, target.replaces);
  await tx.entries.deleteTree(ctx.libraryId, ctx.spaceId, target.replaces.path);
  await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, -target.replaces.size);
  return releaseBlobRefs(tx, blobRefCounts([target.replaces]));
}

export class FileService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {}

  private parse(ctx: SpaceContext, raw: string): SmhPath {
    return parseNonRootPath(raw, 'file', ctx.rules.maxNameLength);
  }

  async info(actor: Actor, spaceId: string, rawPath: string): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    return requireFile(this.deps.meta, ctx, this.parse(ctx, rawPath).path);
  }

  /** Deletes a file (files.md §8.1): into the recycle bin when on, returning the item id; else for good (null). */
  async delete(
    actor: Actor,
    spaceId: string,
    rawPath: string,
    onCommit?: CommitHook<number | null>,
    options: { permanent?: boolean } = {},
  ): Promise<number | null> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    const permanent = options.permanent ?? false;
    requireGrant(actor, deleteGrant(actor.library, permanent, 'delete_file', 'delete_file_permanent'));
    const path = this.parse(ctx, rawPath);
    const now = this.deps.clock.now();
    const { itemId, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      const entry = await requireFile(tx, ctx, path.path);
      return removeEntry(tx, ctx, entry, { permanent, now, onCommit });
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return itemId;
  }

  private async placeTarget(
    tx: MetaRepos,
    ctx: SpaceContext,
    source: Entry,
    target: SmhPath,
    strategy: ConflictStrategy,
  ): Promise<ResolvedTarget> {
    // The target name decides, as it does for uploads: a photo renamed to ".txt" or ".mp4" would
    // otherwise slip into a media library under its old content type.
    const type = checkFilePlacement(ctx.rules, target, contentTypeFor(target.name));
    // Links and virtual files keep their kind under any name the placement rules accept.
    if (type !== source.type && source.type !== 'symlink' && source.type !== 'virtual') {
      throw new SmhError('FileTypeNotMatched');
    }
    await requireDirectory(tx, ctx, target.parent);
    return resolveTarget(tx, ctx.libraryId, ctx.spaceId, target, strategy, false);
  }

  /** Rename or move (files.md §8.2): one row update, the blob stays where it is. */
  async move(
    actor: Actor,
    spaceId: string,
    rawTarget: string,
    rawFrom: unknown,
    strategy: ConflictStrategy,
    onCommit?: CommitHook<string>,
  ): Promise<string> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...forceAware(strategy, 'move_file', 'move_file_force'));
    const target = this.parse(ctx, rawTarget);
    const now = this.deps.clock.now();
    const { path, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      const source = await requireSource(tx, ctx, rawFrom, 'file');
      if (source.path === target.path) {
        await onCommit?.(tx, source.path);
        return { path: source.path, unreferenced: [] };
      }
      const resolved = await this.placeTarget(tx, ctx, source, target, strategy);
      const freed = await dropReplaced(tx, ctx, resolved);
      await tx.entries.moveTree(ctx.libraryId, ctx.spaceId, source.path, resolved.path, source.modifiedAt);
      const moved = { ...source, path: resolved.path, parent: resolved.parent, name: resolved.path.slice(resolved.path.lastIndexOf('/') + 1) };
      await recordEntry(tx, ctx, 'FILE.MOVE', moved, now, { fromPath: source.path }, resolved.replaces);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, source.parent, now);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
      await onCommit?.(tx, resolved.path);
      return { path: resolved.path, unreferenced: freed };
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return path;
  }

  /** Copy (files.md §8.3): a new entry sharing the source's blob, in this space or from another one. */
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
    const from = await copySourceSpace(this.deps.meta, ctx, options.fromSpaceId, forceAware(strategy, 'copy_file', 'copy_file_force'), fromShare);
    const target = this.parse(ctx, rawTarget);
    const now = this.deps.clock.now();
    const { path, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      const source = await requireSource(tx, from, rawFrom, 'file');
      const ontoItself = from === ctx && source.path === target.path;
      const resolved = await this.placeTarget(tx, ctx, source, target, strategy === 'overwrite' && ontoItself ? 'rename' : strategy);
      const freed = await dropReplaced(tx, ctx, resolved);
      const copied = { ...copiedEntry(source, resolved.path, actor.userId, now), libraryId: ctx.libraryId, spaceId: ctx.spaceId };
      await tx.entries.insert(copied);
      await recordEntry(tx, ctx, 'FILE.COPY', copied, now, { sourceInode: source.id }, resolved.replaces);
      if (source.blobKey) {
        await tx.blobs.addRef(source.blobKey, 1);
      }
      await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, source.size);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
      await options.onCommit?.(tx, resolved.path);
      return { path: resolved.path, unreferenced: freed };
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return path;
  }
}

/** Overwriting needs the `*_force` grant; the plain grant covers ask and rename. */
export function forceAware(strategy: ConflictStrategy, plain: Grant, force: Grant): Grant[] {
  return strategy === 'overwrite' ? [force] : [plain, force];
}
