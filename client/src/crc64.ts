/**
 * CRC-64/XZ, which COS and SMH call CRC64-ECMA182: reflected polynomial 0xC96C5795D7870F42, init
 * and xorout all ones. Check value: "123456789" → 11051210869376104954. Plain TypeScript
 * (slicing-by-8 on two 32-bit halves), so it runs in browsers and Node without WASM or BigInt in
 * the hot loop. Values travel as unsigned decimal strings, as SMH sends them.
 */
const POLY_HI = 0xc96c5795;
const POLY_LO = 0xd7870f42;

/** TABLE_HI[k * 256 + b] / TABLE_LO[…]: slicing-by-8 tables, high and low 32-bit halves. */
const TABLE_HI = new Uint32Array(8 * 256);
const TABLE_LO = new Uint32Array(8 * 256);

function buildTables(): void {
  for (let n = 0; n < 256; n += 1) {
    let hi = 0;
    let lo = n;
    for (let k = 0; k < 8; k += 1) {
      const lsb = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (lsb) {
        hi = (hi ^ POLY_HI) >>> 0;
        lo = (lo ^ POLY_LO) >>> 0;
      }
    }
    TABLE_HI[n] = hi;
    TABLE_LO[n] = lo;
  }
  for (let n = 0; n < 256; n += 1) {
    let hi = TABLE_HI[n] as number;
    let lo = TABLE_LO[n] as number;
    for (let k = 1; k < 8; k += 1) {
      const index = lo & 0xff;
      lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ (TABLE_LO[index] as number)) >>> 0;
      hi = ((hi >>> 8) ^ (TABLE_HI[index] as number)) >>> 0;
      TABLE_HI[k * 256 + n] = hi;
      TABLE_LO[k * 256 + n] = lo;
    }
  }
}
buildTables();

/** An incremental CRC-64/XZ. */
export class Crc64 {
  // The running register, pre-inverted (init = all ones).
  private hi = 0xffffffff;
  private lo = 0xffffffff;

  update(data: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    let i = 0;
    const end8 = data.length - (data.length % 8);
    const t = TABLE_LO;
    const h = TABLE_HI;
    for (; i < end8; i += 8) {
      const a = (lo ^ ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24))) >>> 0;
      const b = (hi ^ ((data[i + 4] as number) | ((data[i + 5] as number) << 8) | ((data[i + 6] as number) << 16) | ((data[i + 7] as number) << 24))) >>> 0;
      const i7 = 7 * 256 + (a & 0xff);
      const i6 = 6 * 256 + ((a >>> 8) & 0xff);
      const i5 = 5 * 256 + ((a >>> 16) & 0xff);
      const i4 = 4 * 256 + (a >>> 24);
      const i3 = 3 * 256 + (b & 0xff);
      const i2 = 2 * 256 + ((b >>> 8) & 0xff);
      const i1 = 256 + ((b >>> 16) & 0xff);
      const i0 = b >>> 24;
      lo = ((t[i7] as number) ^ (t[i6] as number) ^ (t[i5] as number) ^ (t[i4] as number) ^ (t[i3] as number) ^ (t[i2] as number) ^ (t[i1] as number) ^ (t[i0] as number)) >>> 0;
      hi = ((h[i7] as number) ^ (h[i6] as number) ^ (h[i5] as number) ^ (h[i4] as number) ^ (h[i3] as number) ^ (h[i2] as number) ^ (h[i1] as number) ^ (h[i0] as number)) >>> 0;
    }
    for (; i < data.length; i += 1) {
      const index = (lo ^ (data[i] as number)) & 0xff;
      lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ (t[index] as number)) >>> 0;
      hi = ((hi >>> 8) ^ (h[index] as number)) >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** The CRC so far as an unsigned decimal string; the hasher stays usable. */
  digest(): string {
    const hi = (this.hi ^ 0xffffffff) >>> 0;
    const lo = (this.lo ^ 0xffffffff) >>> 0;
    return ((BigInt(hi) << 32n) | BigInt(lo)).toString(10);
  }
}

export function crc64(data: Uint8Array): string {
  return new Crc64().update(data).digest();
}

const MASK = 0xffffffffffffffffn;
const POLY_REFLECTED = 0xc96c5795d7870f42n;

function gf2Times(matrix: bigint[], vector: bigint): bigint {
  let sum = 0n;
  let index = 0;
  for (let rest = vector; rest !== 0n; rest >>= 1n, index += 1) {
    if (rest & 1n) {
      sum ^= matrix[index] as bigint;
    }
  }
  return sum;
}

function gf2Square(target: bigint[], matrix: bigint[]): void {
  for (let n = 0; n < 64; n += 1) {
    target[n] = gf2Times(matrix, matrix[n] as bigint);
  }
}

/**
 * The linear map crc(A) ↦ crc(A‖0ⁿ)-part for |B| = n, as a 64×64 GF(2) matrix (zlib's
 * crc32_combine, with the squarings folded into one operator so it is built once per length and
 * each combine is then a single matrix-vector product).
 */
function shiftOperator(length: number): bigint[] {
  const even: bigint[] = new Array<bigint>(64).fill(0n);
  const odd: bigint[] = new Array<bigint>(64).fill(0n);
  odd[0] = POLY_REFLECTED;
  let row = 1n;
  for (let n = 1; n < 64; n += 1) {
    odd[n] = row;
    row <<= 1n;
  }
  // identity
  let op: bigint[] = Array.from({ length: 64 }, (_, n) => 1n << BigInt(n));
  const apply = (matrix: bigint[]) => {
    op = op.map((column) => gf2Times(matrix, column));
  };
  let rest = BigInt(length);
  gf2Square(even, odd);
  gf2Square(odd, even);
  while (rest !== 0n) {
    gf2Square(even, odd);
    if (rest & 1n) {
      apply(even);
    }
    rest >>= 1n;
    if (rest === 0n) {
      break;
    }
    gf2Square(odd, even);
    if (rest & 1n) {
      apply(odd);
    }
    rest >>= 1n;
  }
  return op;
}

/** combine(crcA, crcB) for a fixed |B|: build once, use for every equal-sized part. */
export function crc64Combiner(lengthB: number): (crcA: string, crcB: string) => string {
  const op = lengthB === 0 ? null : shiftOperator(lengthB);
  return (crcA, crcB) => {
    if (op === null) {
      return (BigInt(crcA) & MASK).toString(10);
    }
    return ((gf2Times(op, BigInt(crcA) & MASK) ^ (BigInt(crcB) & MASK)) & MASK).toString(10);
  };
}

/** CRC of A‖B from crc(A), crc(B) and |B|, so parallel parts give the whole-file CRC without a second pass. */
export function combineCrc64(crcA: string, crcB: string, lengthB: number): string {
  return crc64Combiner(lengthB)(crcA, crcB);
}

/** The CRC of parts joined in order, given each part's CRC and size. */
export function joinCrc64(parts: readonly { crc64: string; size: number }[]): string {
  const combiners = new Map<number, (a: string, b: string) => string>();
  let crc = '0';
  for (const part of parts) {
    let combine = combiners.get(part.size);
    if (!combine) {
      combine = crc64Combiner(part.size);
      combiners.set(part.size, combine);
    }
    crc = combine(crc, part.crc64);
  }
  return crc;
}

/** SMH may print a CRC signed (an old doc example does); compare them as unsigned. */
export function sameCrc64(a: string, b: string): boolean {
  try {
    return (BigInt(a) & MASK) === (BigInt(b) & MASK);
  } catch {
    return false;
  }
}
