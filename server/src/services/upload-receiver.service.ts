import { randomInt } from 'node:crypto';
import type { Readable } from 'node:stream';
import { SmhError } from '../errors/smh-error.js';
import { ByteLimit } from '../lib/byte-limit.js';
import { HashingStream } from '../lib/hash-stream.js';
import { newBlobKey } from '../lib/ids.js';
import type { Signer } from '../lib/signing.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore, Upload, UploadKind } from '../stores/meta/meta-store.js';
import { deleteBlobs } from './blob-refs.js';
import type { Clock } from './deps.js';
import type { UploadHooks } from './upload-hooks.js';
import { verifyFormFields, verifyStorageAuthorization } from './upload-target.js';

export const MAX_PART_NUMBER = 10_000;

/**
 * The storage side of uploads (what COS does for SMH): receives bytes for a pending upload,
 * streaming them through the hasher into the blob store. Nothing becomes visible until confirm.
 */
export class UploadReceiver {
  constructor(
    private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock; signer: Signer; maxUploadSize: number; hooks?: UploadHooks },
  ) {}

  /** The body through a byte limit into the hasher; an over-long body fails the blob write. */
  private async limited(body: Readable, limit: number, reason: string): Promise<HashingStream> {
    const hasher = await HashingStream.create();
    const limiter = new ByteLimit(limit, reason);
    body.on('error', (error) => limiter.destroy(error));
    limiter.on('error', (error) => hasher.destroy(error));
    body.pipe(limiter).pipe(hasher);
    return hasher;
  }

  /** The upload behind a signed storage request; an expired or finished one is a 403 like COS's. */
  private async pendingUpload(confirmKey: string, kind: UploadKind): Promise<Upload> {
    const upload = await this.deps.meta.uploads.get(confirmKey);
    if (!upload || upload.kind !== kind || !acceptsBytes(upload) || upload.expiresAt < this.deps.clock.now()) {
      throw new SmhError('InvalidSignature', 'The upload does not exist, has expired or is already confirmed.');
    }
    return upload;
  }

  authorize(confirmKey: string, authorization: string | undefined): void {
    verifyStorageAuthorization(this.deps.signer, confirmKey, authorization, this.deps.clock.now());
  }

  authorizeForm(confirmKey: string, expires: string, signature: string): void {
    verifyFormFields(this.deps.signer, confirmKey, expires, signature, this.deps.clock.now());
  }

  /** A simple or form upload: the whole file in one request. Returns the quoted MD5 ETag. */
  async receiveWhole(confirmKey: string, kind: 'simple' | 'form', body: Readable, signal?: AbortSignal): Promise<string> {
    const upload = await this.pendingUpload(confirmKey, kind);
    const declared = upload.attributes.expectedSize;
    const max = this.deps.maxUploadSize;
    const hasher =
      declared !== undefined && declared < max
        ? await this.limited(body, declared, 'the size declared at initiate')
        : await this.limited(body, max, 'the configured maximum');
    const blobKey = newBlobKey();
    await this.deps.blob.put(blobKey, hasher, { signal });
    const digest = hasher.digest();
    const recorded = { ...digest, etag: `"${digest.md5}"` };
    // Compare-and-set on the bytes the task had: a re-sent PUT replaces them (the last one to
    // record wins), and once a confirm or cancel moved the task out of `pending` nothing does.
    for (;;) {
      const current = await this.deps.meta.uploads.get(confirmKey);
      if (!current || !acceptsBytes(current)) {
        await deleteBlobs(this.deps.blob, [blobKey]);
        throw new SmhError('InvalidSignature', 'The upload was confirmed or cancelled meanwhile.');
      }
      if (await this.deps.meta.uploads.setBytes(confirmKey, current.blobKey, blobKey, recorded)) {
        await deleteBlobs(this.deps.blob, current.blobKey ? [current.blobKey] : []);
        return `"${digest.md5}"`;
      }
    }
  }

  /** One part of a multipart upload; parts may arrive in any order and in parallel. */
  async receivePart(confirmKey: string, uploadId: string, partNumber: number, body: Readable, signal?: AbortSignal): Promise<string> {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new SmhError('InvalidPartNumber', `partNumber must be an integer from 1 to ${MAX_PART_NUMBER}.`);
    }
    const upload = await this.pendingUpload(confirmKey, 'multipart');
    if (uploadId !== upload.confirmKey) {
      throw new SmhError('UploadNotFound', 'Unknown uploadId.');
    }
    await this.deps.hooks?.beforePartBytes?.(confirmKey, partNumber);
    // A fresh slot per PUT: bytes already listed by a confirm's join are never overwritten.
    const slot = randomInt(1, 2 ** 47);
    const hasher = await this.limited(body, this.deps.maxUploadSize, 'the configured maximum');
    await this.deps.blob.putPart(confirmKey, slot, hasher, { signal });
    const digest = hasher.digest();
    const etag = `"${digest.md5}"`;
    const state = await this.deps.meta.transaction(async (tx) => {
      // The task may have been claimed by a confirm, cancelled or expired while the part streamed in.
      const current = await tx.uploads.get(confirmKey);
      if (!current || !acceptsBytes(current)) {
        return current?.status ?? 'gone';
      }
      await tx.uploads.upsertPart({ confirmKey, partNumber, size: digest.size, etag, crc64: digest.crc64, createdAt: this.deps.clock.now(), slot });
      return 'recorded';
    });
    if (state !== 'recorded') {
      if (state !== 'confirming') {
        // Finished: nothing will ever join these bytes. (A confirm's join drops them itself.)
        await this.deps.blob.abortMultipart(confirmKey).catch(() => undefined);
      }
      throw new SmhError('InvalidSignature', 'The upload was confirmed or cancelled meanwhile.');
    }
    return etag;
  }
}

/**
 * Bytes are taken only while `pending` (a re-sent whole-file PUT replaces them); a multipart
 * task stops once a confirm joined its parts, as COS forgets an upload id once it is completed.
 */
function acceptsBytes(upload: Upload): boolean {
  return upload.status === 'pending' && (upload.kind !== 'multipart' || upload.blobKey === null);
}
