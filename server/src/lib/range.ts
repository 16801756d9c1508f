import type { ByteRange } from '../stores/blob/blob-store.js';

export type RangeResult = { kind: 'none' } | { kind: 'range'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Parses a single-range `Range: bytes=…` header against a size (RFC 9110 §14.1.2).
 * Multi-range requests are answered with the whole body, which the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) {
    return { kind: 'none' };
  }
  // Range units are case-insensitive (RFC 9110 §14.1).
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (!match) {
    return { kind: 'none' };
  }
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') {
    return { kind: 'none' };
  }
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) {
      return { kind: 'unsatisfiable' };
    }
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) {
    return { kind: 'unsatisfiable' };
  }
  return { kind: 'range', range: { start, end } };
}
