import { recordUpload } from './change-feed.js';
import { SmhError } from '../errors/smh-error.js';
import { HASH_CHUNK_SIZE } from '../lib/quick-hash.js';
import { contentTypeFor } from '../lib/mime.js';
import { parseNonRootPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, LinkedBlobQuery, MetaStore } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import { type Actor, isAdmin } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import { resolveTarget } from './conflict.js';
import type { Clock } from './deps.js';
import { newFileEntry } from './entry-factory.js';
import { replaceForUpload } from './file-history.js';
import { checkFilePlacement } from './library-rules.js';
import { openSpace, requireDirectory } from './space-context.js';
import { uploadGrants, type UploadInput } from './upload.service.js';

/** SMH only deduplicates files of at least 1 MiB (files.md §3.2). */
export const INSTANT_UPLOAD_MIN_SIZE = HASH_CHUNK_SIZE;

export interface QuickHashInput {
  beginningHash: string;
  /** absent on the first (probe) call */
  fullHash?: string;
  size: number;
}

export type InstantOutcome = { kind: 'probe' } | { kind: 'linked'; entry: Entry; isOverwritten: boolean };

/**
 * The spaces whose files the credential may read, which bounds what instant upload may link:
 * a hash only counts as a hit for content the caller could already download, so knowing (or
 * guessing) a hash never yields another tenant's file. null = every space of the library (a
 * library-wide admin credential). Public-read spaces of other tenants are not counted.
 */
function readableSpaces(actor: Actor): readonly string[] | null {
  if (!actor.library.settings.isMultiSpace) {
    return ['-'];
  }
  const listed = actor.spaceIds ?? [];
  if (listed.length > 0) {
    return listed;
  }
  return isAdmin(actor) ? null : [];
}

/**
 * Instant ("quick", 秒传) upload on the initiate endpoints (files.md §3.2, §4.1): a file whose
 * bytes are already stored is recorded by linking the existing blob (one more reference, no byte
 * written twice). The same checks as a normal initiate run first, so a probe tells nothing to a
 * caller who could not upload there. Returns null when the client must upload normally (201).
 */
export class InstantUploadService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {}

  async attempt(actor: Actor, spaceId: string, rawPath: string, input: UploadInput, hashes: QuickHashInput): Promise<InstantOutcome | null> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...uploadGrants(input.strategy));
    const path = parseNonRootPath(rawPath, 'file', ctx.rules.maxNameLength);
    const contentType = contentTypeFor(path.name);
    const type = checkFilePlacement(ctx.rules, path, contentType);
    await requireDirectory(this.deps.meta, ctx, path.parent);
    const existing = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (existing && (input.strategy === 'ask' || (input.strategy === 'overwrite' && existing.type === 'dir'))) {
      throw new SmhError('SameNameDirectoryOrFileExists');
    }
    if (hashes.size < INSTANT_UPLOAD_MIN_SIZE) {
      return null;
    }
    const query: LinkedBlobQuery = {
      beginningHash: hashes.beginningHash,
      fullHash: hashes.fullHash ?? null,
      size: hashes.size,
      libraryId: ctx.libraryId,
      spaceIds: readableSpaces(actor),
    };
    if (query.fullHash === null) {
      return (await this.deps.meta.blobs.findLinked(query)) ? { kind: 'probe' } : null;
    }
    const now = this.deps.clock.now();
    const outcome = await this.deps.meta.transaction(async (tx) => {
      const linked = await tx.blobs.findLinked(query);
      // The reference is taken before the overwrite releases any: overwriting a file with its
      // own content must not free the blob being linked. 0 = its last reference went meanwhile.
      if (!linked || (await tx.blobs.addRef(linked.blob.key, 1)) === 0) {
        return null;
      }
      await requireDirectory(tx, ctx, path.parent);
      const target = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, path, input.strategy, false);
      const unreferenced = await replaceForUpload(tx, ctx, target, now);
      const { blob, etag } = linked;
      const fresh = newFileEntry(
        ctx.libraryId,
        ctx.spaceId,
        target.path,
        actor.userId,
        now,
        { type, blobKey: blob.key, size: blob.size, contentType, crc64: blob.crc64, etag },
        input,
      );
      const replaced = target.replaces;
      // As confirm does: an overwrite keeps the file's identity (and so its versions).
      const entry = replaced ? { ...fresh, id: replaced.id, createdAt: replaced.createdAt, versionId: replaced.versionId + 1 } : fresh;
      await tx.entries.insert(entry);
      await recordUpload(tx, ctx, entry, replaced, now, true);
      await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, blob.size);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, target.parent, now);
      return { entry, isOverwritten: replaced !== null, unreferenced };
    });
    if (!outcome) {
      return null;
    }
    await deleteBlobs(this.deps.blob, outcome.unreferenced);
    return { kind: 'linked', entry: outcome.entry, isOverwritten: outcome.isOverwritten };
  }
}
