import { SmhError } from '../errors/smh-error.js';
import { contentTypeFor } from '../lib/mime.js';
import { parseNonRootPath, parseSmhPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import { type ConflictStrategy, resolveTarget } from './conflict.js';
import type { Clock } from './deps.js';
import { newFileEntry } from './entry-factory.js';
import { dropReplaced } from './file.service.js';
import { checkFilePlacement } from './library-rules.js';
import { openSpace, requireDirectory } from './space-context.js';
import { MAX_SYMLINK_DEPTH, symlinkChain } from './symlink-chain.js';

/**
 * Symbolic links (files.md §8.4). A link is an entry of type `symlink` without bytes, naming its
 * target by entry id and path (symlink-chain.ts). Delete, move and copy act on the link itself
 * (it is a file without a blob to them); download, HEAD and `?info` follow it to the file.
 */
export class SymlinkService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {}

  /** PUT {LinkPath} with `{linkTo}`: returns the link's final path (after `rename`). */
  async create(actor: Actor, spaceId: string, rawLinkPath: string, rawLinkTo: unknown, strategy: ConflictStrategy): Promise<string> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(
      actor,
      ...(strategy === 'overwrite'
        ? (['upload_file_force', 'create_symlink_force'] as const)
        : (['upload_file', 'upload_file_force', 'create_symlink', 'create_symlink_force'] as const)),
    );
    const linkPath = parseNonRootPath(rawLinkPath, 'file', ctx.rules.maxNameLength);
    if (typeof rawLinkTo !== 'string' || rawLinkTo.trim() === '') {
      throw new SmhError('ParamInvalid', 'linkTo must be the path of the file the link points to.');
    }
    const linkTo = parseSmhPath(rawLinkTo, 'file', ctx.rules.maxNameLength);
    if (linkTo.path === '') {
      throw new SmhError('SymlinkToDirectoryNotAllowed');
    }
    checkFilePlacement(ctx.rules, linkPath, contentTypeFor(linkPath.name));
    const now = this.deps.clock.now();
    const { path, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      const target = await tx.entries.get(ctx.libraryId, ctx.spaceId, linkTo.path);
      if (!target) {
        throw new SmhError('RootLinkFileNotFound');
      }
      if (target.type === 'dir') {
        throw new SmhError('SymlinkToDirectoryNotAllowed');
      }
      if (target.type === 'virtual') {
        throw new SmhError('UnsupportedFileType', 'A virtual file has no content to link to.');
      }
      const chain = await symlinkChain(tx, target);
      if (chain.length > MAX_SYMLINK_DEPTH) {
        throw new SmhError('SymlinkDepthLimitExceeded', `A chain of symbolic links may have at most ${MAX_SYMLINK_DEPTH} links.`);
      }
      await requireDirectory(tx, ctx, linkPath.parent);
      const resolved = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, linkPath, strategy, false);
      if (resolved.replaces && resolved.replaces.id === target.id) {
        throw new SmhError('SymlinkOverwriteConflict');
      }
      if (resolved.replaces && chain.some((entry) => entry.id === resolved.replaces?.id)) {
        // Replacing a link of the chain with a link to that chain closes a loop.
        throw new SmhError('CircleSymlink');
      }
      const freed = await dropReplaced(tx, ctx, resolved);
      const file = chain[chain.length - 1];
      const content = { type: 'symlink' as const, blobKey: '', size: 0, contentType: file?.contentType ?? '', crc64: '', etag: '' };
      const entry = newFileEntry(ctx.libraryId, ctx.spaceId, resolved.path, actor.userId, now, content);
      await tx.entries.insert({ ...entry, blobKey: null, linkTargetId: target.id, linkTargetPath: target.path });
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
      return { path: resolved.path, unreferenced: freed };
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return path;
  }
}
