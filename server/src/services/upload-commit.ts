import { SmhError } from '../errors/smh-error.js';
import { parseNonRootPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore, Upload, UploadDigest } from '../stores/meta/meta-store.js';
import { deleteBlobs } from './blob-refs.js';
import { recordUpload } from './change-feed.js';
import { type ConflictStrategy, resolveTarget } from './conflict.js';
import { newFileEntry } from './entry-factory.js';
import { replaceForUpload } from './file-history.js';
import { checkFilePlacement } from './library-rules.js';
import { requireDirectory, type SpaceContext } from './space-context.js';
import { KEEP_FINISHED_MS } from './upload-finish.js';

export interface CommitInput {
  strategy: ConflictStrategy;
  labels?: string[];
  category?: string;
  localCreationTime?: string;
  localModificationTime?: string;
}

/**
 * The confirm's one transaction (docs/architecture.md, write protocol): the blob row, the entry,
 * the upload's `confirming → confirmed` transition under the caller's claim, then the hot rows.
 * Runs READ COMMITTED on PostgreSQL; each read-then-write step is guarded by a row lock or a
 * conditional statement, so parallel confirms queue on shared rows instead of aborting.
 */
export async function commitUpload(
  deps: { meta: MetaStore; blob: BlobStore; now: number },
  ctx: SpaceContext,
  held: { upload: Upload; claim: string; blobKey: string; digest: UploadDigest },
  input: CommitInput,
): Promise<{ entry: Entry; isOverwritten: boolean }> {
  const { upload, digest, blobKey, claim } = held;
  const { strategy, now } = { strategy: input.strategy, now: deps.now };
  const path = parseNonRootPath(upload.path, 'file', ctx.rules.maxNameLength);
  const type = checkFilePlacement(ctx.rules, path, upload.attributes.contentType);
  const outcome = await deps.meta.transaction(
    async (tx) => {
      await requireDirectory(tx, ctx, path.parent);
      if (strategy === 'overwrite') {
        // Hold the file being replaced, so a racing overwrite or delete of it waits, and what
        // resolveTarget reads next is what this transaction replaces.
        await tx.entries.lockRow(ctx.libraryId, ctx.spaceId, path.path);
      }
      const target = await resolveTarget(tx, ctx.libraryId, ctx.spaceId, path, strategy, false);
      // With file history on, the replaced content is kept as a version (file-history.ts).
      const freed = await replaceForUpload(tx, ctx, target, now);
      await tx.blobs.insert({
        key: blobKey,
        size: digest.size,
        md5: digest.md5,
        crc64: digest.crc64,
        beginningHash: digest.beginningHash,
        fullHash: digest.fullHash,
        refCount: 1,
        createdAt: now,
      });
      const replaced = target.replaces;
      const fresh = newFileEntry(
        ctx.libraryId,
        ctx.spaceId,
        target.path,
        ctx.actor.userId,
        now,
        { type, blobKey, size: digest.size, contentType: upload.attributes.contentType, crc64: digest.crc64, etag: digest.etag },
        {
          meta: upload.attributes.meta,
          labels: input.labels ?? upload.attributes.labels,
          category: input.category ?? upload.attributes.category,
          localCreationTime: input.localCreationTime ?? upload.attributes.localCreationTime,
          localModificationTime: input.localModificationTime ?? upload.attributes.localModificationTime,
        },
      );
      // An overwrite keeps the file's identity and first-upload time (SMH creationTime semantics).
      const created = replaced ? { ...fresh, id: replaced.id, createdAt: replaced.createdAt, versionId: replaced.versionId + 1 } : fresh;
      await tx.entries.insert(created);
      await recordUpload(tx, ctx, created, replaced, now, false);
      const attributes = { ...upload.attributes, confirmedPath: target.path, confirmedEntryId: created.id, isOverwritten: replaced !== null };
      await tx.uploads.deleteParts(upload.confirmKey);
      if (!(await tx.uploads.markConfirmed(upload.confirmKey, claim, attributes, now + KEEP_FINISHED_MS))) {
        // The lease lapsed and the expiry sweep (or another confirm) took the task over.
        throw new SmhError('UploadNotFound', 'The upload expired while it was being confirmed.');
      }
      // The hot rows last, so each is held only until the commit right after: the parent
      // directory (its revision, and the lock that makes a racing move or delete of it either
      // wait for this file or abort), then the space's size and quota counters. A reservation
      // made at initiate turns into real usage.
      if (!(await tx.entries.lockRow(ctx.libraryId, ctx.spaceId, target.parent, { touchAt: now }))) {
        throw new SmhError('DirectoryNotFound');
      }
      // Give the reservation back first, so the charge's condition does not count it twice.
      await tx.spaces.reserve(ctx.libraryId, ctx.spaceId, -upload.reserved);
      await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, digest.size);
      return { entry: created, isOverwritten: replaced !== null, unreferenced: freed };
    },
    { isolation: 'read-committed' },
  );
  await deleteBlobs(deps.blob, outcome.unreferenced);
  return { entry: outcome.entry, isOverwritten: outcome.isOverwritten };
}
