import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isSmhError } from '../errors/smh-error.js';
import { crc64Of } from '../lib/crc64.js';
import type { UploadPart } from '../stores/meta/meta-store.js';
import { assembleDigest } from './multipart-assembly.js';

const MIN = 1024;

async function partOf(partNumber: number, data: Buffer): Promise<UploadPart> {
  return {
    confirmKey: 'k',
    partNumber,
    size: data.length,
    etag: `"${createHash('md5').update(data).digest('hex')}"`,
    crc64: await crc64Of(data),
    createdAt: 0,
    slot: partNumber,
  };
}

function sized(partNumber: number, size: number): UploadPart {
  return { confirmKey: 'k', partNumber, size, etag: '"d41d8cd98f00b204e9800998ecf8427e"', crc64: '0', createdAt: 0, slot: partNumber };
}

describe('assembleDigest', () => {
  it('derives size, whole-object CRC64 and the S3-style ETag from the parts', async () => {
    const chunks = [randomBytes(MIN), randomBytes(MIN * 2), randomBytes(10)];
    const parts = await Promise.all(chunks.map((chunk, index) => partOf(index + 1, chunk)));
    const digest = assembleDigest(parts, MIN);
    const whole = Buffer.concat(chunks);
    assert.equal(digest.size, whole.length);
    assert.equal(digest.crc64, await crc64Of(whole));
    const md5s = Buffer.concat(chunks.map((chunk) => createHash('md5').update(chunk).digest()));
    assert.equal(digest.etag, `"${createHash('md5').update(md5s).digest('hex')}-3"`);
  });

  it('accepts a single part of any size, even empty', async () => {
    const digest = assembleDigest([await partOf(1, Buffer.alloc(0))], MIN);
    assert.equal(digest.size, 0);
    assert.equal(digest.crc64, '0');
    const one = assembleDigest([await partOf(1, Buffer.from('123456789'))], MIN);
    assert.equal(one.crc64, '11051210869376104954');
  });

  it('lets the last part be smaller than the minimum', () => {
    assert.doesNotThrow(() => assembleDigest([sized(1, MIN), sized(2, MIN), sized(3, 1)], MIN));
  });

  it('refuses a non-last part below the minimum', () => {
    assert.throws(
      () => assembleDigest([sized(1, MIN), sized(2, MIN - 1), sized(3, MIN)], MIN),
      (error) => isSmhError(error, 'MultipartUploadPartTooSmall'),
    );
    assert.throws(
      () => assembleDigest([sized(1, 0), sized(2, MIN)], MIN),
      (error) => isSmhError(error, 'MultipartUploadPartTooSmall'),
    );
  });

  it('refuses no parts at all', () => {
    assert.throws(() => assembleDigest([], MIN), (error) => isSmhError(error, 'MultipartUploadIncomplete'));
  });

  it('refuses gaps and a missing first part', () => {
    assert.throws(() => assembleDigest([sized(1, MIN), sized(3, MIN)], MIN), (error) => isSmhError(error, 'MultipartUploadIncomplete'));
    assert.throws(() => assembleDigest([sized(2, MIN)], MIN), (error) => isSmhError(error, 'MultipartUploadIncomplete'));
  });

  it('reports a gap before a too-small part', () => {
    // Part 2 is missing; part 1 being small would only matter if the set were contiguous.
    assert.throws(() => assembleDigest([sized(1, 1), sized(3, MIN)], MIN), (error) => isSmhError(error, 'MultipartUploadIncomplete'));
  });
});
