import { createCRC64, type IHasher } from 'hash-wasm';

/**
 * CRC-64/XZ, which COS and SMH call CRC64-ECMA182 (reflected polynomial 0xC96C5795D7870F42,
 * init and xorout all ones). Check value: "123456789" → 11051210869376104954.
 * Values travel as unsigned decimal strings, as SMH sends them.
 */
const POLY_REFLECTED = 0xc96c5795d7870f42n;
const MASK = 0xffffffffffffffffn;

export async function newCrc64Hasher(): Promise<IHasher> {
  const hasher = await createCRC64();
  hasher.init();
  return hasher;
}

export function crc64HexToDecimal(hex: string): string {
  return BigInt(`0x${hex}`).toString(10);
}

export async function crc64Of(data: Uint8Array | string): Promise<string> {
  const hasher = await newCrc64Hasher();
  hasher.update(data);
  return crc64HexToDecimal(hasher.digest('hex'));
}

function gf2Times(matrix: bigint[], vector: bigint): bigint {
  let sum = 0n;
  let index = 0;
  let rest = vector;
  while (rest !== 0n) {
    if (rest & 1n) {
      sum ^= matrix[index] as bigint;
    }
    rest >>= 1n;
    index += 1;
  }
  return sum;
}

function gf2Square(target: bigint[], matrix: bigint[]): void {
  for (let n = 0; n < 64; n += 1) {
    target[n] = gf2Times(matrix, matrix[n] as bigint);
  }
}

/** Operators "append `length` zero bytes" by length; multipart parts mostly share one size. */
const OPERATORS = new Map<number, bigint[]>();
const MAX_OPERATORS = 64;

/**
 * The GF(2) matrix that advances a CRC over `length` zero bytes, built from squarings of the
 * one-zero-bit operator (zlib's crc32_combine) and cached per length, so combining N equal-sized
 * parts builds it once and then costs one 64-column product per part: O(parts).
 */
function zerosOperator(length: number): bigint[] {
  const cached = OPERATORS.get(length);
  if (cached) {
    return cached;
  }
  const even: bigint[] = new Array(64).fill(0n);
  const odd: bigint[] = new Array(64).fill(0n);
  odd[0] = POLY_REFLECTED;
  let row = 1n;
  for (let n = 1; n < 64; n += 1) {
    odd[n] = row;
    row <<= 1n;
  }
  gf2Square(even, odd);
  gf2Square(odd, even);
  let result: bigint[] | null = null;
  // The powers of one operator commute, so the order they are composed in does not matter.
  const compose = (matrix: bigint[]) => {
    result = result === null ? matrix.slice() : result.map((column) => gf2Times(matrix, column));
  };
  let rest = length;
  for (;;) {
    gf2Square(even, odd);
    if (rest % 2 === 1) {
      compose(even);
    }
    rest = Math.floor(rest / 2);
    if (rest === 0) {
      break;
    }
    gf2Square(odd, even);
    if (rest % 2 === 1) {
      compose(odd);
    }
    rest = Math.floor(rest / 2);
    if (rest === 0) {
      break;
    }
  }
  const operator = result as unknown as bigint[];
  if (OPERATORS.size >= MAX_OPERATORS) {
    OPERATORS.delete(OPERATORS.keys().next().value as number);
  }
  OPERATORS.set(length, operator);
  return operator;
}

/**
 * CRC of A‖B from crc(A), crc(B) and |B| — zlib's crc32_combine carried to 64 bits. It lets a
 * multipart upload get its whole-object CRC from the part CRCs, with no second pass over bytes.
 */
export function combineCrc64(crcA: string, crcB: string, lengthB: number): string {
  const crc1 = BigInt(crcA) & MASK;
  const crc2 = BigInt(crcB) & MASK;
  if (lengthB === 0) {
    return crc1.toString(10);
  }
  return ((gf2Times(zerosOperator(lengthB), crc1) ^ crc2) & MASK).toString(10);
}

/** Normalises a client-sent crc64 (decimal, possibly a signed print) to unsigned decimal. */
export function normaliseCrc64(value: string): string | null {
  if (!/^-?\d{1,20}$/.test(value)) {
    return null;
  }
  const parsed = BigInt(value);
  if (parsed > MASK || parsed < -(1n << 63n)) {
    return null;
  }
  return (parsed & MASK).toString(10);
}
