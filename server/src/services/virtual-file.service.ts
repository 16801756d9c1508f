import { SmhError } from '../errors/smh-error.js';
import { contentTypeFor } from '../lib/mime.js';
import { parseNonRootPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import { type ConflictStrategy, resolveTarget } from './conflict.js';
import type { Clock } from './deps.js';
import { newFileEntry } from './entry-factory.js';
import { dropReplaced } from './file.service.js';
import { checkFilePlacement } from './library-rules.js';
import { openSpace, requireDirectory, requireFile } from './space-context.js';

export interface VirtualFileInput {
  contentType?: string;
  meta?: Record<string, string>;
  labels?: string[];
  category?: string;
  /** declared size in bytes, counted against the quota */
  size: number;
}

/**
 * Virtual files (files.md §8.6): entries of type `virtual` with metadata and a declared size but
 * no bytes. They list, move, copy, delete and recycle like files and count their declared size
 * in space usage and quotas; they cannot be downloaded, previewed or linked to.
 */
export class VirtualFileService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {}

  async create(actor: Actor, spaceId: string, rawPath: string, input: VirtualFileInput, strategy: ConflictStrategy): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(
      actor,
      ...(strategy === 'overwrite' ? (['upload_file_force'] as const) : (['upload_file', 'upload_file_force', 'create_virtual'] as const)),
    );
    const path = parseNonRootPath(rawPath, 'file', ctx.rules.maxNameLength);
    const contentType = input.contentType ?? contentTypeFor(path.name);
    checkFilePlacement(ctx.rules, path, contentType);
    const now = this.deps.clock.now();
    const { entry, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      await requireDirectory(tx, ctx, path.parent);
      const resolved = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, path, strategy, false);
      const freed = await dropReplaced(tx, ctx, resolved);
      const content = { type: 'virtual' as const, blobKey: '', size: input.size, contentType, crc64: '', etag: '' };
      const created = { ...newFileEntry(ctx.libraryId, ctx.spaceId, resolved.path, actor.userId, now, content, input), blobKey: null };
      await tx.entries.insert(created);
      await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, input.size);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, resolved.parent, now);
      return { entry: created, unreferenced: freed };
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return entry;
  }

  /** `?update` with `size`: only virtual files have a size of their own to change (files.md §8.8). */
  async resize(actor: Actor, spaceId: string, rawPath: string, size: number): Promise<void> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'space_admin');
    const path = parseNonRootPath(rawPath, 'file', ctx.rules.maxNameLength);
    await this.deps.meta.transaction(async (tx) => {
      const entry = await requireFile(tx, ctx, path.path);
      if (entry.type !== 'virtual') {
        throw new SmhError('UnsupportedFileType', 'Only a virtual file has a size that can be set.');
      }
      await tx.entries.update(entry.id, { size, modifiedAt: this.deps.clock.now() });
      await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, size - entry.size);
    });
  }
}

/** `size` as SMH sends it: a decimal string (or number) of bytes. */
export function parseVirtualSize(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') {
    return 0;
  }
  const size = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new SmhError('ParamInvalid', 'size must be a non-negative integer number of bytes.');
  }
  return size;
}
