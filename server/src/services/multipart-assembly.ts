import { createHash } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { combineCrc64 } from '../lib/crc64.js';
import { QuickHasher } from '../lib/quick-hash.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { UploadDigest, UploadPart } from '../stores/meta/meta-store.js';

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
 * Joins the parts a confirm listed when it claimed the task into one blob. The claim keeps every
 * other writer out: a part PUT is refused once the task is `confirming`, and one that was already
 * streaming writes a fresh slot its refused row never points at, so the bytes joined are exactly
 * those the part rows (and so the combined CRC and ETag) describe. `check` sees the part-derived
 * digest first and may refuse (BadCrc64, `ask`) while the parts still exist. Returns the joined
 * blob and its digest; the caller records them (commit, or release on a refused confirm).
 */
export async function joinParts(
  deps: { blob: BlobStore; minPartSize: number },
  confirmKey: string,
  parts: readonly UploadPart[],
  check: (digest: UploadDigest) => Promise<void>,
): Promise<{ blobKey: string; digest: UploadDigest }> {
  const digest = assembleDigest(parts, deps.minPartSize);
  await check(digest);
  const blobKey = joinedBlobKey(confirmKey);
  // Where the bytes pass through this node while joining (local disk; S3 with parts too small
  // for a server-side join), hash them on the way so the joined file is eligible for instant
  // upload. A server-side join shows us no byte: the count stays short and the hashes null.
  const quick = new QuickHasher();
  await deps.blob.completeMultipart(
    confirmKey,
    parts.map((part) => part.slot),
    blobKey,
    { onData: (chunk) => quick.update(chunk) },
  );
  if (quick.bytes === digest.size) {
    Object.assign(digest, quick.digest());
  }
  return { blobKey, digest };
}
