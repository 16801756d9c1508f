import { createHash } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { combineCrc64 } from '../lib/crc64.js';
import { QuickHasher } from '../lib/quick-hash.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore, Upload, UploadDigest, UploadPart } from '../stores/meta/meta-store.js';
import { deleteBlobs } from './blob-refs.js';

/**
 * Checks a multipart upload's parts (contiguous from 1, every part but the last at least
 * `minPartSize`) and derives the whole object's digest from the part digests: CRC64 by
 * combination, the ETag as S3/COS do (MD5 of the part MD5s, "-N"). No byte is read again.
 */
export function assembleDigest(parts: readonly UploadPart[], minPartSize: number): UploadDigest {
  if (parts.length === 0) {
    throw new SmhError('MultipartUploadIncomplete', 'No part has been uploaded.');
  }
  // Gaps first: a client that is told a part is missing re-sends it; a size complaint about a
  // part that may not end up non-last would be premature.
  parts.forEach((part, index) => {
    if (part.partNumber !== index + 1) {
      throw new SmhError('MultipartUploadIncomplete', `Part ${index + 1} is missing.`);
    }
  });
  parts.forEach((part, index) => {
    if (index < parts.length - 1 && part.size < minPartSize) {
      throw new SmhError('MultipartUploadPartTooSmall', `Part ${part.partNumber} is smaller than ${minPartSize} bytes.`);
    }
  });
  let crc64 = '0';
  let size = 0;
  const md5s = createHash('md5');
  for (const part of parts) {
    crc64 = size === 0 ? part.crc64 : combineCrc64(crc64, part.crc64, part.size);
    size += part.size;
    md5s.update(Buffer.from(part.etag.replace(/"/g, ''), 'hex'));
  }
  return {
    size,
    md5: '',
    crc64,
    beginningHash: null,
    fullHash: null,
    etag: `"${md5s.digest('hex')}-${parts.length}"`,
  };
}

/**
 * The joined blob's key is derived from the task, not random: confirms racing on several nodes
 * then write the same bytes under the same key and record the same row, instead of each leaving
 * a blob the other's row does not know about.
 */
export function joinedBlobKey(confirmKey: string): string {
  return `${confirmKey}-joined`;
}

/**
 * Joins a pending multipart task's parts into one blob and marks the task 'uploaded' with it, so
 * a confirm that fails later (name clash, missing parent) can retry without the parts.
 * `check` sees the part-derived digest first and may refuse (BadCrc64, `ask`) while the parts
 * still exist and a client can re-send one. Part rows stay until the commit, for `?upload`.
 * Returns the task as it now stands: a concurrent confirm may have joined or even confirmed it.
 */
export async function joinParts(
  deps: { meta: MetaStore; blob: BlobStore; minPartSize: number },
  upload: Upload,
  check: (digest: UploadDigest) => Promise<void>,
): Promise<Upload> {
  const parts = await deps.meta.uploads.listParts(upload.confirmKey);
  const digest = assembleDigest(parts, deps.minPartSize);
  await check(digest);
  const blobKey = joinedBlobKey(upload.confirmKey);
  // Where the bytes pass through this node while joining (local disk; S3 with parts too small
  // for a server-side join), hash them on the way so the joined file is eligible for instant
  // upload. A server-side join shows us no byte: the count stays short and the hashes null.
  const quick = new QuickHasher();
  try {
    await deps.blob.completeMultipart(
      upload.confirmKey,
      parts.map((part) => part.partNumber),
      blobKey,
      { onData: (chunk) => quick.update(chunk) },
    );
    if (quick.bytes === digest.size) {
      Object.assign(digest, quick.digest());
    }
  } catch (error) {
    // A concurrent confirm may have joined the same parts (and so removed them) first.
    const current = await deps.meta.uploads.get(upload.confirmKey);
    if (current && current.status !== 'pending') {
      return current;
    }
    if (!current || !(await deps.blob.stat(blobKey))) {
      throw error;
    }
  }
  const current = await deps.meta.transaction(async (tx) => {
    const row = await tx.uploads.get(upload.confirmKey);
    if (row?.status === 'pending') {
      await tx.uploads.update(upload.confirmKey, { status: 'uploaded', blobKey, digest });
      return { ...row, status: 'uploaded' as const, blobKey, digest };
    }
    return row;
  });
  if (!current) {
    // Cancelled or expired while joining: nothing will reference the joined blob.
    await deleteBlobs(deps.blob, [blobKey]);
    throw new SmhError('UploadNotFound');
  }
  return current;
}
