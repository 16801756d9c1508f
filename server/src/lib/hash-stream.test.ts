import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { crc64Of } from './crc64.js';
import { type ContentDigest, HASH_CHUNK_SIZE, HashingStream, PARALLEL_HASH_FROM } from './hash-stream.js';

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

  it('gives the same digest on the hashing threads as inline, around the switch-over size', async () => {
    for (const size of [PARALLEL_HASH_FROM - 1, PARALLEL_HASH_FROM, 9 * MIB + 17]) {
      const data = randomBytes(size);
      for (const chunkSize of [65_536, 1_000_003]) {
        const { digest, output } = await run(data, chunkSize);
        assert.ok(output.equals(data), `bytes pass unchanged (size ${size}, chunk ${chunkSize})`);
        assert.equal(digest.size, size);
        assert.equal(digest.md5, createHash('md5').update(data).digest('hex'), `md5 size ${size}`);
        assert.equal(digest.crc64, await crc64Of(data), `crc64 size ${size}`);
        assert.deepEqual({ beginningHash: digest.beginningHash, fullHash: digest.fullHash }, referenceHashes(data), `sha size ${size}`);
      }
    }
  });

  it('hashes several large streams at once without mixing them up', async () => {
    const inputs = [0, 1, 2, 3, 4].map((n) => randomBytes(PARALLEL_HASH_FROM + n * 777_777));
    const digests = await Promise.all(inputs.map((data) => run(data, 131_072)));
    digests.forEach(({ digest }, n) => {
      assert.equal(digest.md5, createHash('md5').update(inputs[n] as Buffer).digest('hex'));
      assert.equal(digest.fullHash, referenceHashes(inputs[n] as Buffer).fullHash);
    });
  });

  it('a stream destroyed midway leaves the hashing threads usable', async () => {
    const hasher = await HashingStream.create();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(MIB, 1));
      },
    });
    let sent = 0;
    failing.on('data', () => {
      sent += 1;
      if (sent === 8) {
        failing.destroy(new Error('client went away'));
      }
    });
    await assert.rejects(pipeline(failing, hasher, new Writable({ write: (_c, _e, next) => next() })), /client went away/);
    const data = randomBytes(PARALLEL_HASH_FROM + 5);
    const { digest } = await run(data, 65_536);
    assert.equal(digest.md5, createHash('md5').update(data).digest('hex'));
  });
});
