import { recordUpload } from './change-feed.js';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SmhError } from '../errors/smh-error.js';
import { HashingStream } from '../lib/hash-stream.js';
import { newBlobKey, newHexId } from '../lib/ids.js';
import { contentTypeFor } from '../lib/mime.js';
import type { Signer } from '../lib/signing.js';
import { parseNonRootPath, type SmhPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore, Upload, UploadAttributes, UploadKind, UploadPart } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import { type Actor, type Grant, isAdmin } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import { type ConflictStrategy, resolveTarget } from './conflict.js';
import type { Clock } from './deps.js';
import { newFileEntry } from './entry-factory.js';
import { replaceForUpload } from './file-history.js';
import { checkFilePlacement } from './library-rules.js';
import { joinParts } from './multipart-assembly.js';
import { requireQuotaRoom } from './quota-charge.js';
import { openSpace, requireDirectory, type SpaceContext } from './space-context.js';
import { type UploadTarget, uploadTarget } from './upload-target.js';

/** Confirmed upload tasks stay readable (status, idempotent confirm) this long. */
const KEEP_CONFIRMED_MS = 24 * 3600 * 1000;

export interface UploadInput {
  strategy: ConflictStrategy;
  meta: Record<string, string>;
  labels?: string[];
  category?: string;
  localCreationTime?: string;
  localModificationTime?: string;
  expectedSize?: number;
}

export interface ConfirmInput {
  crc64?: string;
  strategy?: ConflictStrategy;
  labels?: string[];
  category?: string;
  localCreationTime?: string;
  localModificationTime?: string;
}

export interface UploadStatus {
  upload: Upload;
  parts: UploadPart[];
  target: UploadTarget | null;
}

export function uploadGrants(strategy: ConflictStrategy): Grant[] {
  return strategy === 'overwrite'
    ? ['upload_file_force', 'begin_upload_force']
    : ['upload_file', 'upload_file_force', 'begin_upload', 'begin_upload_force'];
}

/** Who may confirm (files.md §6.8): `begin_upload*` alone only starts tasks for someone else to confirm. */
const CONFIRM_GRANTS: Grant[] = ['upload_file', 'upload_file_force', 'confirm_upload'];

type Confirmed = { entry: Entry; isOverwritten: boolean };

export class UploadService {
  constructor(
    private readonly deps: {
      meta: MetaStore;
      blob: BlobStore;
      clock: Clock;
      signer: Signer;
      uploadTtlSeconds: number;
      minPartSize: number;
      /** simple uploads go straight to the object store when it can sign a target */
      directUploads: boolean;
    },
  ) {}

  private parse(ctx: SpaceContext, raw: string): SmhPath {
    return parseNonRootPath(raw, 'file', ctx.rules.maxNameLength);
  }

  /** Starts a simple, multipart or form upload (files.md §6.1–6.3) and returns its target. */
  async initiate(actor: Actor, spaceId: string, rawPath: string, kind: UploadKind, input: UploadInput, domain: string): Promise<UploadTarget> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...uploadGrants(input.strategy));
    const path = this.parse(ctx, rawPath);
    const contentType = contentTypeFor(path.name);
    checkFilePlacement(ctx.rules, path, contentType);
    await requireDirectory(this.deps.meta, ctx, path.parent);
    // Fail early on a clash the confirm would refuse anyway; `rename` never clashes.
    const existing = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (existing && (input.strategy === 'ask' || (input.strategy === 'overwrite' && existing.type === 'dir'))) {
      throw new SmhError('SameNameDirectoryOrFileExists');
    }
    await requireQuotaRoom(this.deps.meta, ctx, input.expectedSize, input.strategy === 'overwrite' ? existing : null);
    const now = this.deps.clock.now();
    const attributes: UploadAttributes = {
      meta: input.meta,
      labels: input.labels,
      category: input.category,
      localCreationTime: input.localCreationTime,
      localModificationTime: input.localModificationTime,
      contentType,
      expectedSize: input.expectedSize,
    };
    const upload: Upload = {
      confirmKey: newHexId(),
      libraryId: ctx.libraryId,
      spaceId: ctx.spaceId,
      path: path.path,
      kind,
      strategy: input.strategy,
      userId: actor.userId,
      attributes,
      status: 'pending',
      blobKey: null,
      digest: null,
      createdAt: now,
      expiresAt: now + this.deps.uploadTtlSeconds * 1000,
    };
    const direct = kind === 'simple' && this.deps.directUploads && this.deps.blob.presignPut;
    if (direct) {
      return this.startDirect(upload);
    }
    await this.deps.meta.uploads.insert(upload);
    return uploadTarget(this.deps.signer, upload, domain);
  }

  /**
   * A simple upload whose bytes go straight to the object store: the blob key is fixed now and
   * the target is the store's own signed PUT. The API node never sees the bytes, so it reads the
   * object once at confirm to learn its checksums (the price of not proxying).
   */
  private async startDirect(upload: Upload): Promise<UploadTarget> {
    const blobKey = newBlobKey();
    const put = await (this.deps.blob.presignPut as NonNullable<BlobStore['presignPut']>)(blobKey, {
      contentType: upload.attributes.contentType,
    });
    await this.deps.meta.uploads.insert({ ...upload, blobKey, attributes: { ...upload.attributes, direct: true } });
    return {
      domain: put.domain,
      path: put.path,
      headers: put.headers,
      confirmKey: upload.confirmKey,
      expiration: new Date(Math.min(put.expiresAt, upload.expiresAt)).toISOString(),
      availableDomainNum: 1,
    };
  }

  /** Reads a directly uploaded object once through the hasher and records it as uploaded. */
  private async ingestDirect(upload: Upload): Promise<Upload> {
    const blobKey = upload.blobKey as string;
    if (!(await this.deps.blob.stat(blobKey))) {
      throw new SmhError('UploadIncomplete');
    }
    const hasher = await HashingStream.create();
    await pipeline(await this.deps.blob.get(blobKey), hasher, new Writable({ write: (_chunk, _encoding, next) => next() }));
    const computed = hasher.digest();
    const digest = { ...computed, etag: `"${computed.md5}"` };
    await this.deps.meta.uploads.update(upload.confirmKey, { status: 'uploaded', digest });
    return { ...upload, status: 'uploaded', digest };
  }

  /** The upload task behind a confirm key, checked against library, space and owner. */
  private async task(ctx: SpaceContext, confirmKey: string): Promise<Upload> {
    const upload = await this.deps.meta.uploads.get(confirmKey);
    const now = this.deps.clock.now();
    if (!upload || upload.libraryId !== ctx.libraryId || upload.spaceId !== ctx.spaceId || upload.expiresAt < now) {
      throw new SmhError('UploadNotFound');
    }
    if (upload.userId !== ctx.actor.userId && !isAdmin(ctx.actor) && !ctx.actor.grants.has('space_admin')) {
      throw new SmhError('UploadNotBelongYou');
    }
    return upload;
  }

  async status(actor: Actor, spaceId: string, confirmKey: string, domain: string): Promise<UploadStatus> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...uploadGrants('rename'));
    const upload = await this.task(ctx, confirmKey);
    const parts = upload.kind === 'multipart' ? await this.deps.meta.uploads.listParts(confirmKey) : [];
    const target = upload.kind === 'multipart' && upload.status !== 'confirmed' ? uploadTarget(this.deps.signer, upload, domain) : null;
    return { upload, parts, target };
  }

  /** Extends a multipart task and signs fresh storage headers (files.md §6.4). */
  async renew(actor: Actor, spaceId: string, confirmKey: string, domain: string): Promise<UploadTarget> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...uploadGrants('rename'));
    const upload = await this.task(ctx, confirmKey);
    if (upload.kind !== 'multipart') {
      throw new SmhError('NotMultipartUpload');
    }
    if (upload.status === 'confirmed') {
      throw new SmhError('UploadComplete');
    }
    const expiresAt = this.deps.clock.now() + this.deps.uploadTtlSeconds * 1000;
    await this.deps.meta.uploads.update(confirmKey, { expiresAt });
    return uploadTarget(this.deps.signer, { ...upload, expiresAt }, domain);
  }

  async cancel(actor: Actor, spaceId: string, confirmKey: string): Promise<void> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...uploadGrants('rename'));
    const upload = await this.task(ctx, confirmKey);
    if (upload.status === 'confirmed') {
      throw new SmhError('UploadComplete');
    }
    await discardUpload(this.deps.meta, this.deps.blob, upload);
  }

  /** Records the uploaded bytes as a file (files.md §6.8); the only step that makes it visible. */
  async confirm(actor: Actor, spaceId: string, confirmKey: string, input: ConfirmInput): Promise<Confirmed> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...CONFIRM_GRANTS);
    let upload = await this.task(ctx, confirmKey);
    if (upload.status === 'confirmed') {
      return this.alreadyConfirmed(upload);
    }
    const strategy = input.strategy ?? (upload.strategy as ConflictStrategy);
    if (strategy === 'overwrite' && upload.strategy !== 'overwrite') {
      // Turning a task into an overwrite at confirm needs what starting it as one would have.
      requireGrant(actor, ...uploadGrants('overwrite'));
    }
    if (upload.status === 'pending' && upload.attributes.direct) {
      upload = await this.ingestDirect(upload);
    }
    if (upload.status === 'pending' && upload.kind === 'multipart') {
      upload = await this.assemble(ctx, upload, strategy, input.crc64);
      if (upload.status === 'confirmed') {
        return this.alreadyConfirmed(upload);
      }
    }
    if (upload.status !== 'uploaded' || !upload.digest || !upload.blobKey) {
      throw new SmhError('UploadIncomplete');
    }
    checkCrc64(input.crc64, upload.digest.crc64);
    return this.commit(ctx, upload, strategy, input);
  }

  private async alreadyConfirmed(upload: Upload): Promise<Confirmed> {
    const id = upload.attributes.confirmedEntryId;
    const entry = id ? await this.deps.meta.entries.getById(id) : null;
    if (!entry) {
      throw new SmhError('UploadComplete');
    }
    return { entry, isOverwritten: upload.attributes.isOverwritten ?? false };
  }

  /** Joins the parts after the checks that need no bytes, while a client can still fix a part. */
  private async assemble(ctx: SpaceContext, upload: Upload, strategy: ConflictStrategy, crc64: string | undefined): Promise<Upload> {
    return joinParts(this.deps, upload, async (digest) => {
      checkCrc64(crc64, digest.crc64);
      if (strategy === 'ask' && (await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, upload.path))) {
        throw new SmhError('SameNameDirectoryOrFileExists');
      }
    });
  }

  private async commit(ctx: SpaceContext, upload: Upload, strategy: ConflictStrategy, input: ConfirmInput): Promise<Confirmed> {
    const digest = upload.digest as NonNullable<Upload['digest']>;
    const blobKey = upload.blobKey as string;
    const path = this.parse(ctx, upload.path);
    const type = checkFilePlacement(ctx.rules, path, upload.attributes.contentType);
    const now = this.deps.clock.now();
    const outcome = await this.deps.meta.transaction(async (tx) => {
      // Re-read inside the transaction: a concurrent confirm may have won, or a re-sent PUT may
      // have replaced (and so deleted) the blob this confirm read a moment ago.
      const current = await tx.uploads.get(upload.confirmKey);
      if (!current) {
        throw new SmhError('UploadNotFound');
      }
      if (current.status === 'confirmed') {
        return { already: current };
      }
      if (current.status !== 'uploaded' || current.blobKey !== blobKey) {
        throw new SmhError('PathConflict', 'The upload changed while it was being confirmed; confirm again.');
      }
      await requireDirectory(tx, ctx, path.parent);
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
      await tx.spaces.addSize(ctx.libraryId, ctx.spaceId, digest.size);
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, target.parent, now);
      const attributes = { ...upload.attributes, confirmedPath: target.path, confirmedEntryId: created.id, isOverwritten: replaced !== null };
      await tx.uploads.deleteParts(upload.confirmKey);
      if (!(await tx.uploads.markConfirmed(upload.confirmKey, attributes, now + KEEP_CONFIRMED_MS))) {
        throw new SmhError('UploadComplete');
      }
      return { entry: created, isOverwritten: replaced !== null, unreferenced: freed };
    });
    if (outcome.already) {
      return this.alreadyConfirmed(outcome.already);
    }
    await deleteBlobs(this.deps.blob, outcome.unreferenced);
    return { entry: outcome.entry, isOverwritten: outcome.isOverwritten };
  }
}

/** `crc64` from the confirm body, already normalised; omitted means "not checked" (files.md §6.8). */
function checkCrc64(expected: string | undefined, actual: string): void {
  if (expected !== undefined && expected !== actual) {
    throw new SmhError('BadCrc64', `The CRC64 of the uploaded content is ${actual}.`);
  }
}

/** Removes an unconfirmed task with its parts and bytes; used by cancel and the expiry job. */
export async function discardUpload(meta: MetaStore, blob: BlobStore, upload: Upload): Promise<void> {
  await meta.transaction(async (tx) => {
    await tx.uploads.deleteParts(upload.confirmKey);
    await tx.uploads.delete(upload.confirmKey);
  });
  await blob.abortMultipart(upload.confirmKey);
  if (upload.blobKey && upload.status !== 'confirmed') {
    await blob.delete(upload.blobKey);
  }
}
