import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { crc64Of } from './crc64.js';
import { type ContentDigest, HASH_CHUNK_SIZE, HashingStream } from './hash-stream.js';

const MIB = 1024 * 1024;

/** Pushes `data` through a HashingStream in chunks of `chunkSize` and returns what came out. */
async function run(data: Buffer, chunkSize: number): Promise<{ digest: ContentDigest; output: Buffer }> {
  const hasher = await HashingStream.create();
  const chunks: Buffer[] = [];
  const pieces = function* () {
    for (let offset = 0; offset < data.length; offset += chunkSize) {
      yield data.subarray(offset, offset + chunkSize);
    }
  };
  await pipeline(
    Readable.from(pieces()),
    hasher,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return { digest: hasher.digest(), output: Buffer.concat(chunks) };
}

/** SMH's chained SHA-256 (files.md §4.1), written out independently of HashingStream. */
function referenceHashes(data: Buffer): { beginningHash: string; fullHash: string } {
  let chain: Buffer | null = null;
  let beginning: string | null = null;
  for (let offset = 0; offset < data.length || chain === null; offset += HASH_CHUNK_SIZE) {
    const hash = createHash('sha256');
    if (chain) {
      hash.update(chain);
    }
    chain = hash.update(data.subarray(offset, offset + HASH_CHUNK_SIZE)).digest();
    beginning ??= chain.toString('hex');
  }
  return { beginningHash: beginning as string, fullHash: (chain as Buffer).toString('hex') };
}

describe('HashingStream', () => {
  it('passes the bytes through unchanged and reports size, MD5 and CRC64', async () => {
    const data = randomBytes(300_000);
    const { digest, output } = await run(data, 65_536);
    assert.ok(output.equals(data));
    assert.equal(digest.size, data.length);
    assert.equal(digest.md5, createHash('md5').update(data).digest('hex'));
    assert.equal(digest.crc64, await crc64Of(data));
  });

  it('reports the CRC64 check value', async () => {
    const { digest } = await run(Buffer.from('123456789'), 2);
    assert.equal(digest.crc64, '11051210869376104954');
    assert.equal(digest.size, 9);
  });

  it('digests empty content', async () => {
    const { digest } = await run(Buffer.alloc(0), 1);
    const emptySha = createHash('sha256').digest('hex');
    assert.equal(digest.size, 0);
    assert.equal(digest.md5, 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(digest.crc64, '0');
    assert.equal(digest.beginningHash, emptySha);
    assert.equal(digest.fullHash, emptySha);
  });

  it('gives the SMH check values for 2.5 MiB of zero bytes', async () => {
    const { digest } = await run(Buffer.alloc(2.5 * MIB), 64 * 1024);
    assert.equal(digest.beginningHash, '30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58');
    assert.equal(digest.fullHash, '049fbee1d68b1af5834b2cc2bce04dc9b13e497524ccd32fdee323c42f802dd4');
  });

  it('does not depend on how the input is chunked', async () => {
    const data = Buffer.alloc(2.5 * MIB);
    for (const chunkSize of [1000, 777_777, MIB, MIB + 1, 3 * MIB]) {
      const { digest } = await run(data, chunkSize);
      assert.equal(digest.fullHash, '049fbee1d68b1af5834b2cc2bce04dc9b13e497524ccd32fdee323c42f802dd4', `chunk ${chunkSize}`);
      assert.equal(digest.beginningHash, '30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58');
    }
  });

  it('has fullHash equal to beginningHash for exactly 1 MiB', async () => {
    const data = randomBytes(MIB);
    const { digest } = await run(data, 100_000);
    const sha = createHash('sha256').update(data).digest('hex');
    assert.equal(digest.beginningHash, sha);
    assert.equal(digest.fullHash, sha);
  });

  it('has fullHash equal to beginningHash below 1 MiB', async () => {
    const data = randomBytes(1000);
    const { digest } = await run(data, 333);
    const sha = createHash('sha256').update(data).digest('hex');
    assert.equal(digest.beginningHash, sha);
    assert.equal(digest.fullHash, sha);
  });

  it('chains a second hash for 1 MiB plus one byte', async () => {
    const data = randomBytes(MIB + 1);
    const { digest } = await run(data, 65_536);
    assert.deepEqual({ beginningHash: digest.beginningHash, fullHash: digest.fullHash }, referenceHashes(data));
    assert.notEqual(digest.fullHash, digest.beginningHash);
  });

  it('agrees with an independent implementation at chunk boundaries', async () => {
    for (const size of [2 * MIB, 2 * MIB - 1, 3 * MIB + 17]) {
      const data = randomBytes(size);
      const { digest } = await run(data, 50_000);
      assert.deepEqual({ beginningHash: digest.beginningHash, fullHash: digest.fullHash }, referenceHashes(data), `size ${size}`);
    }
  });
});
