import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { combineCrc64, crc64HexToDecimal, crc64Of, newCrc64Hasher, normaliseCrc64 } from './crc64.js';

describe('crc64Of (CRC-64/XZ, SMH "CRC64-ECMA182")', () => {
  it('matches the catalogue check value', async () => {
    assert.equal(await crc64Of('123456789'), '11051210869376104954');
    assert.equal(await crc64Of(Buffer.from('123456789')), '11051210869376104954');
  });

  it('is "0" for empty content', async () => {
    assert.equal(await crc64Of(''), '0');
    assert.equal(await crc64Of(new Uint8Array(0)), '0');
  });

  it('gives the same value fed in one go or in pieces', async () => {
    const data = randomBytes(10_000);
    const hasher = await newCrc64Hasher();
    for (let offset = 0; offset < data.length; offset += 777) {
      hasher.update(data.subarray(offset, offset + 777));
    }
    assert.equal(crc64HexToDecimal(hasher.digest('hex')), await crc64Of(data));
  });

  it('serialises as an unsigned decimal string, even above 2^63', () => {
    assert.equal(crc64HexToDecimal('ffffffffffffffff'), '18446744073709551615');
    assert.equal(crc64HexToDecimal('0000000000000001'), '1');
  });
});

describe('combineCrc64', () => {
  it('equals the one-shot CRC for random two-way splits', async () => {
    for (let round = 0; round < 20; round += 1) {
      const data = randomBytes(1 + Math.floor(Math.random() * 5000));
      const cut = Math.floor(Math.random() * (data.length + 1));
      const a = data.subarray(0, cut);
      const b = data.subarray(cut);
      assert.equal(combineCrc64(await crc64Of(a), await crc64Of(b), b.length), await crc64Of(data), `cut at ${cut}/${data.length}`);
    }
  });

  it('folds many parts, zero-length ones included, into the whole CRC', async () => {
    const data = randomBytes(20_000);
    const cuts = [0, 0, 1, 4096, 4096, 9999, 19_999, 20_000, 20_000].sort((x, y) => x - y);
    let crc = '0';
    let previous = 0;
    for (const cut of [...cuts, data.length]) {
      const part = data.subarray(previous, cut);
      crc = combineCrc64(crc, await crc64Of(part), part.length);
      previous = cut;
    }
    assert.equal(crc, await crc64Of(data));
  });

  it('leaves the first CRC unchanged when the second part is empty', async () => {
    const crc = await crc64Of('hello');
    assert.equal(combineCrc64(crc, '0', 0), crc);
  });

  it('returns the second CRC when the first part is empty', async () => {
    const crc = await crc64Of('world');
    assert.equal(combineCrc64('0', crc, 5), crc);
  });

  it('matches the one-shot CRC when doubling a block by combination', async () => {
    const block = randomBytes(1024);
    let crc = await crc64Of(block);
    let whole = block;
    for (let i = 0; i < 10; i += 1) {
      crc = combineCrc64(crc, crc, whole.length);
      whole = Buffer.concat([whole, whole]);
    }
    assert.equal(whole.length, 1024 * 1024);
    assert.equal(crc, await crc64Of(whole));
  });

  it('handles parts larger than 4 GiB in length arithmetic', async () => {
    // Combining with a zero-filled block of 2^32+1 bytes must match feeding the block in pieces:
    // crc(A‖Z) = combine(crc(A), crc(Z), |Z|) and crc(Z) follows from combining smaller zero blocks.
    const zeros = Buffer.alloc(1 << 20);
    const zeroCrc = await crc64Of(zeros);
    let big = zeroCrc;
    let length = zeros.length;
    for (let i = 0; i < 12; i += 1) {
      big = combineCrc64(big, big, length);
      length *= 2;
    }
    // 2^20 · 2^12 = 2^32 bytes of zeros, then one more byte.
    const one = await crc64Of(Buffer.alloc(1));
    const whole = combineCrc64(big, one, 1);
    const head = await crc64Of('abc');
    const viaWhole = combineCrc64(head, whole, length + 1);
    const viaParts = combineCrc64(combineCrc64(head, big, length), one, 1);
    assert.equal(viaWhole, viaParts);
  });
});

describe('normaliseCrc64', () => {
  it('keeps unsigned decimal values', () => {
    assert.equal(normaliseCrc64('11051210869376104954'), '11051210869376104954');
    assert.equal(normaliseCrc64('0'), '0');
    assert.equal(normaliseCrc64('18446744073709551615'), '18446744073709551615');
  });

  it('turns a signed 64-bit print into its unsigned value', () => {
    // 11051210869376104954 − 2^64
    assert.equal(normaliseCrc64('-7395533204333446662'), '11051210869376104954');
    assert.equal(normaliseCrc64('-1'), '18446744073709551615');
    assert.equal(normaliseCrc64('-9223372036854775808'), '9223372036854775808');
  });

  it('drops leading zeros', () => {
    assert.equal(normaliseCrc64('007'), '7');
  });

  it('refuses out-of-range and non-decimal input', () => {
    assert.equal(normaliseCrc64('18446744073709551616'), null);
    assert.equal(normaliseCrc64('-9223372036854775809'), null);
    assert.equal(normaliseCrc64('0x1f'), null);
    assert.equal(normaliseCrc64('12a'), null);
    assert.equal(normaliseCrc64(''), null);
    assert.equal(normaliseCrc64(' 1'), null);
    assert.equal(normaliseCrc64('1.5'), null);
    assert.equal(normaliseCrc64('123456789012345678901'), null);
  });
});

describe('combineCrc64 over random part layouts', () => {
  it('equals the sequential CRC of the joined bytes, for equal and ragged part sizes', async () => {
    for (let round = 0; round < 20; round += 1) {
      const equal = round % 2 === 0;
      const size = randomInt(1, 5000);
      const parts = Array.from({ length: randomInt(1, 40) }, () => randomBytes(equal ? size : randomInt(1, 5000)));
      let crc = await crc64Of(parts[0] as Buffer);
      for (const part of parts.slice(1)) {
        crc = combineCrc64(crc, await crc64Of(part), part.length);
      }
      assert.equal(crc, await crc64Of(Buffer.concat(parts)));
    }
  });
});
