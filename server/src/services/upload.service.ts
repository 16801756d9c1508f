import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SmhError } from '../errors/smh-error.js';
import { HashingStream } from '../lib/hash-stream.js';
import { newBlobKey, newHexId } from '../lib/ids.js';
import { contentTypeFor } from '../lib/mime.js';
import type { Signer } from '../lib/signing.js';
import { parseNonRootPath, type SmhPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore, Upload, UploadAttributes, UploadDigest, UploadKind, UploadPart } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import { type Actor, type Grant, isAdmin } from './actor.js';
import type { ConflictStrategy } from './conflict.js';
import type { Clock } from './deps.js';
import { checkFilePlacement } from './library-rules.js';
import { joinParts } from './multipart-assembly.js';
import { quotaBytesFor, requireQuotaRoom } from './quota-charge.js';
import { openSpace, requireDirectory, type SpaceContext } from './space-context.js';
import { claimUpload, keepClaim } from './upload-claim.js';
import { commitUpload } from './upload-commit.js';
import { finishUpload } from './upload-finish.js';
import type { UploadHooks } from './upload-hooks.js';
import { type UploadTarget, uploadTarget } from './upload-target.js';

/** A refused confirm leaves the task pending at least this long, so the client can fix and retry. */
const RELEASE_GRACE_MS = 5 * 60 * 1000;

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
      hooks?: UploadHooks;
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
    const replaces = input.strategy === 'overwrite' ? existing : null;
    await requireQuotaRoom(this.deps.meta, ctx, input.expectedSize, replaces);
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
      claim: null,
      reserved: quotaBytesFor(ctx, input.expectedSize, replaces),
    };
    const direct = kind === 'simple' && this.deps.directUploads && this.deps.blob.presignPut;
    if (direct) {
      return this.startDirect(upload);
    }
    await this.insertTask(upload);
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
      contentLength: upload.attributes.expectedSize,
    });
    await this.insertTask({ ...upload, blobKey, attributes: { ...upload.attributes, direct: true } });
    return {
      domain: put.domain,
      path: put.path,
      headers: put.headers,
      confirmKey: upload.confirmKey,
      expiration: new Date(Math.min(put.expiresAt, upload.expiresAt)).toISOString(),
      availableDomainNum: 1,
    };
  }

  /** Inserts a new task with its quota reservation, both or neither (QuotaLimitReached when full). */
  private async insertTask(upload: Upload): Promise<void> {
    if (upload.reserved === 0) {
      await this.deps.meta.uploads.insert(upload);
      return;
    }
    await this.deps.meta.transaction(
      async (tx) => {
        await tx.uploads.insert(upload);
        await tx.spaces.reserve(upload.libraryId, upload.spaceId, upload.reserved);
      },
      { isolation: 'read-committed' },
    );
  }

  /** Hashes a directly uploaded object once (the node never saw its bytes). */
  private async ingestDirect(blobKey: string): Promise<UploadDigest> {
    if (!(await this.deps.blob.stat(blobKey))) {
      throw new SmhError('UploadIncomplete');
    }
    const hasher = await HashingStream.create();
    await pipeline(await this.deps.blob.get(blobKey), hasher, new Writable({ write: (_chunk, _encoding, next) => next() }));
    const computed = hasher.digest();
    return { ...computed, etag: `"${computed.md5}"` };
  }

  /** The upload task behind a confirm key, checked against library, space and owner. */
  private async task(ctx: SpaceContext, confirmKey: string): Promise<Upload> {
    const upload = await this.deps.meta.uploads.get(confirmKey);
    const now = this.deps.clock.now();
    const gone = !upload || upload.status === 'cancelled' || upload.status === 'expired' || (upload.status === 'pending' && upload.expiresAt < now);
    if (gone || upload.libraryId !== ctx.libraryId || upload.spaceId !== ctx.spaceId) {
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
    const target = upload.kind === 'multipart' && upload.status === 'pending' ? uploadTarget(this.deps.signer, upload, domain) : null;
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
    const expiresAt = this.deps.clock.now() + this.deps.uploadTtlSeconds * 1000;
    if (!(await this.deps.meta.uploads.extend(confirmKey, expiresAt))) {
      throw busyOrDone(await this.deps.meta.uploads.get(confirmKey));
    }
    return uploadTarget(this.deps.signer, { ...upload, expiresAt }, domain);
  }

  /** Cancels an unconfirmed task (pending → cancelled) and deletes its bytes; never under a confirm. */
  async cancel(actor: Actor, spaceId: string, confirmKey: string): Promise<void> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...uploadGrants('rename'));
    await this.task(ctx, confirmKey);
    if (!(await finishUpload(this.deps, confirmKey, 'cancelled', this.deps.clock.now()))) {
      throw busyOrDone(await this.deps.meta.uploads.get(confirmKey));
    }
  }

  /** Records the uploaded bytes as a file (files.md §6.8); the only step that makes it visible. */
  async confirm(actor: Actor, spaceId: string, confirmKey: string, input: ConfirmInput): Promise<Confirmed> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, ...CONFIRM_GRANTS);
    const upload = await this.task(ctx, confirmKey);
    if (upload.status === 'confirmed') {
      return this.alreadyConfirmed(upload);
    }
    const strategy = input.strategy ?? (upload.strategy as ConflictStrategy);
    if (strategy === 'overwrite' && upload.strategy !== 'overwrite') {
      // Turning a task into an overwrite at confirm needs what starting it as one would have.
      requireGrant(actor, ...uploadGrants('overwrite'));
    }
    const held = await claimUpload(this.deps, confirmKey);
    if ('confirmed' in held) {
      return this.alreadyConfirmed(held.confirmed);
    }
    const lease = keepClaim(this.deps, held);
    let produced: { blobKey: string; digest: UploadDigest } | null = null;
    try {
      await this.deps.hooks?.afterClaim?.(confirmKey);
      let bytes = held.upload.blobKey && held.upload.digest ? { blobKey: held.upload.blobKey, digest: held.upload.digest } : null;
      if (!bytes && held.upload.attributes.direct && held.upload.blobKey) {
        bytes = produced = { blobKey: held.upload.blobKey, digest: await this.ingestDirect(held.upload.blobKey) };
      } else if (!bytes && held.upload.kind === 'multipart') {
        bytes = produced = await joinParts(this.deps, confirmKey, held.parts, async (digest) => {
          checkCrc64(input.crc64, digest.crc64);
          if (strategy === 'ask' && (await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, held.upload.path))) {
            throw new SmhError('SameNameDirectoryOrFileExists');
          }
        });
      }
      if (!bytes) {
        throw new SmhError('UploadIncomplete');
      }
      checkCrc64(input.crc64, bytes.digest.crc64);
      await this.deps.hooks?.beforeCommit?.(confirmKey);
      const now = this.deps.clock.now();
      return await commitUpload({ ...this.deps, now }, ctx, { upload: held.upload, claim: held.claim, ...bytes }, { ...input, strategy });
    } catch (error) {
      // Refused (name clash, quota, bad CRC…): back to pending, keeping joined bytes, so the
      // client can fix and confirm again. A lost claim makes this a no-op.
      const expiresAt = Math.max(upload.expiresAt, this.deps.clock.now() + RELEASE_GRACE_MS);
      await this.deps.meta.uploads.release(confirmKey, held.claim, { ...(produced ?? {}), expiresAt }).catch(() => false);
      throw error;
    } finally {
      lease.stop();
    }
  }

  private async alreadyConfirmed(upload: Upload): Promise<Confirmed> {
    const id = upload.attributes.confirmedEntryId;
    const entry = id ? await this.deps.meta.entries.getById(id) : null;
    if (!entry) {
      throw new SmhError('UploadComplete');
    }
    return { entry, isOverwritten: upload.attributes.isOverwritten ?? false };
  }
}

/** `crc64` from the confirm body, already normalised; omitted means "not checked" (files.md §6.8). */
function checkCrc64(expected: string | undefined, actual: string): void {
  if (expected !== undefined && expected !== actual) {
    throw new SmhError('BadCrc64', `The CRC64 of the uploaded content is ${actual}.`);
  }
}

/** Why a transition from `pending` did not apply, from the row as it now stands. */
function busyOrDone(row: Upload | null): SmhError {
  if (row?.status === 'confirmed') {
    return new SmhError('UploadComplete');
  }
  return row?.status === 'confirming' ? new SmhError('UploadConfirming') : new SmhError('UploadNotFound');
}
