import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRange } from './range.js';

describe('parseRange', () => {
  it('returns none without a header or for other units', () => {
    assert.deepEqual(parseRange(undefined, 100), { kind: 'none' });
    assert.deepEqual(parseRange('', 100), { kind: 'none' });
    assert.deepEqual(parseRange('items=0-1', 100), { kind: 'none' });
    assert.deepEqual(parseRange('bytes=-', 100), { kind: 'none' });
    assert.deepEqual(parseRange('bytes=abc', 100), { kind: 'none' });
  });

  it('parses a closed range and clamps its end to the size', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'range', range: { start: 0, end: 9 } });
    assert.deepEqual(parseRange('bytes=10-10', 100), { kind: 'range', range: { start: 10, end: 10 } });
    assert.deepEqual(parseRange('bytes=90-500', 100), { kind: 'range', range: { start: 90, end: 99 } });
  });

  it('parses an open-ended range', () => {
    assert.deepEqual(parseRange('bytes=5-', 100), { kind: 'range', range: { start: 5, end: 99 } });
    assert.deepEqual(parseRange('bytes=0-', 1), { kind: 'range', range: { start: 0, end: 0 } });
  });

  it('parses a suffix range, longer suffixes meaning the whole body', () => {
    assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'range', range: { start: 90, end: 99 } });
    assert.deepEqual(parseRange('bytes=-500', 100), { kind: 'range', range: { start: 0, end: 99 } });
  });

  it('reports unsatisfiable ranges', () => {
    assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=100-200', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-5', 0), { kind: 'unsatisfiable' });
    // A reversed range may be ignored or refused (RFC 9110 §14.2); refusing is clearer.
    assert.deepEqual(parseRange('bytes=9-2', 100), { kind: 'unsatisfiable' });
  });

  it('ignores invalid and multi-range specs (the whole body is an allowed answer)', () => {
    assert.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'none' });
    assert.deepEqual(parseRange('bytes=0-1, -5', 100), { kind: 'none' });
  });

  it('accepts surrounding whitespace and a case-insensitive unit', () => {
    assert.deepEqual(parseRange('  bytes=1-2 ', 100), { kind: 'range', range: { start: 1, end: 2 } });
    assert.deepEqual(parseRange('Bytes=1-2', 100), { kind: 'range', range: { start: 1, end: 2 } });
  });
});
