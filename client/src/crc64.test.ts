import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { crc64Of } from '../../server/src/lib/crc64.js';
import { combineCrc64, Crc64, crc64, joinCrc64, sameCrc64 } from './crc64.js';
import { fullHash } from './quick-hash.js';
import { bytesSource } from './source.js';

describe('client CRC-64/XZ', () => {
  it('has the check value and empty value SMH documents', () => {
    assert.equal(crc64(new TextEncoder().encode('123456789')), '11051210869376104954');
    assert.equal(crc64(new Uint8Array(0)), '0');
  });

  it('equals the server hasher (hash-wasm) for every tail length and when fed in pieces', async () => {
    for (const size of [1, 7, 8, 9, 15, 16, 17, 1000, 65_537]) {
      const data = randomBytes(size);
      assert.equal(crc64(data), await crc64Of(data), `size ${size}`);
      const pieces = new Crc64();
      for (let offset = 0; offset < size; offset += 5) {
        pieces.update(data.subarray(offset, offset + 5));
      }
      assert.equal(pieces.digest(), await crc64Of(data));
    }
  });

  it('combines part CRCs into the whole-file CRC', () => {
    const parts = [randomBytes(4096), randomBytes(4096), randomBytes(4096), randomBytes(77)];
    const whole = crc64(Buffer.concat(parts));
    assert.equal(joinCrc64(parts.map((part) => ({ crc64: crc64(part), size: part.length }))), whole);
    assert.equal(combineCrc64(crc64(parts[0] as Buffer), crc64(Buffer.concat(parts.slice(1))), 4096 * 2 + 77), whole);
    assert.equal(combineCrc64(whole, '0', 0), whole);
  });

  it('compares signed and unsigned prints as equal', () => {
    assert.ok(sameCrc64('-1', '18446744073709551615'));
    assert.ok(!sameCrc64('1', '2'));
    assert.ok(!sameCrc64('x', 'x'));
  });
});

describe('client quick-upload hashes', () => {
  it('matches the check value of files.md §4.1 (2.5 MiB of zeros)', async () => {
    const hash = await fullHash(bytesSource(new Uint8Array(2.5 * 1024 * 1024)));
    assert.equal(hash, '049fbee1d68b1af5834b2cc2bce04dc9b13e497524ccd32fdee323c42f802dd4');
    const exactlyOne = new Uint8Array(1024 * 1024).fill(7);
    assert.equal(await fullHash(bytesSource(exactlyOne)), createHash('sha256').update(exactlyOne).digest('hex'));
  });
});
