import { createHash } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { combineCrc64 } from '../lib/crc64.js';
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
