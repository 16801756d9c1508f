import type { Readable } from 'node:stream';
import { SmhError } from '../errors/smh-error.js';
import { HashingStream } from '../lib/hash-stream.js';
import { newBlobKey } from '../lib/ids.js';
import type { Signer } from '../lib/signing.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore, Upload, UploadKind } from '../stores/meta/meta-store.js';
import { deleteBlobs } from './blob-refs.js';
import type { Clock } from './deps.js';
import { verifyFormFields, verifyStorageAuthorization } from './upload-target.js';

export const MAX_PART_NUMBER = 10_000;

/**
 * The storage side of uploads (what COS does for SMH): receives bytes for a pending upload,
 * streaming them through the hasher into the blob store. Nothing becomes visible until confirm.
 */
export class UploadReceiver {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock; signer: Signer }) {}

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
    await this.pendingUpload(confirmKey, kind);
    const hasher = await HashingStream.create();
    const blobKey = newBlobKey();
    body.pipe(hasher);
    body.on('error', (error) => hasher.destroy(error));
    await this.deps.blob.put(blobKey, hasher, { signal });
    const digest = hasher.digest();
    const replaced = await this.deps.meta.transaction(async (tx) => {
      const current = await tx.uploads.get(confirmKey);
      if (!current || current.status === 'confirmed') {
        return [blobKey];
      }
      await tx.uploads.update(confirmKey, {
        status: 'uploaded',
        blobKey,
        digest: { ...digest, etag: `"${digest.md5}"` },
      });
      return current.blobKey ? [current.blobKey] : [];
    });
    await deleteBlobs(this.deps.blob, replaced);
    if (replaced.includes(blobKey)) {
      throw new SmhError('InvalidSignature', 'The upload was confirmed or cancelled meanwhile.');
    }
    return `"${digest.md5}"`;
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
    const hasher = await HashingStream.create();
    body.pipe(hasher);
    body.on('error', (error) => hasher.destroy(error));
    await this.deps.blob.putPart(confirmKey, partNumber, hasher, { signal });
    const digest = hasher.digest();
    const etag = `"${digest.md5}"`;
    const recorded = await this.deps.meta.transaction(async (tx) => {
      // The task may have been cancelled or assembled while the part streamed in.
      const current = await tx.uploads.get(confirmKey);
      if (!current || !acceptsBytes(current)) {
        return false;
      }
      await tx.uploads.upsertPart({
        confirmKey,
        partNumber,
        size: digest.size,
        etag,
        crc64: digest.crc64,
        createdAt: this.deps.clock.now(),
      });
      return true;
    });
    if (!recorded) {
      // Nothing will ever assemble these parts; drop them rather than wait for the sweep.
      await this.deps.blob.abortMultipart(confirmKey).catch(() => undefined);
      throw new SmhError('InvalidSignature', 'The upload was confirmed or cancelled meanwhile.');
    }
    return etag;
  }
}

/**
 * Whole-file uploads take bytes until confirmed (a re-sent PUT replaces them); a multipart task
 * only until confirm has assembled its parts, as COS forgets an upload id once it is completed.
 */
function acceptsBytes(upload: Upload): boolean {
  return upload.kind === 'multipart' ? upload.status === 'pending' : upload.status !== 'confirmed';
}
