import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmhError } from '../../../errors/smh-error.js';
import { decodeMarker, encodeMarker } from './list-marker.js';

const isMarkerNotFound = (error: unknown) => error instanceof SmhError && error.code === 'MarkerNotFound';

describe('directory list markers', () => {
  it('round-trip the cursor and its order as URL-safe text', () => {
    const cases = [
      { cursor: { isDir: true, key: 'a b', name: 'a b' }, orderBy: 'name' as const },
      { cursor: { isDir: false, key: 1700000000123, name: '照片 (1).jpg' }, orderBy: 'creationTime' as const },
      { cursor: { isDir: false, key: 0, name: 'x' }, orderBy: 'size' as const },
      { cursor: { isDir: false, key: '', name: 'x' }, orderBy: 'localCreationTime' as const },
    ];
    for (const { cursor, orderBy } of cases) {
      const marker = encodeMarker(cursor, orderBy);
      assert.match(marker, /^[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeMarker(marker), { ...cursor, orderBy });
    }
  });

  it('refuse garbage, old offset markers and mistyped keys', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const marker of [
      'not a marker',
      '1013',
      encode({ o: 20 }),
      encode(null),
      encode({ type: 'link', name: 'a', key: 'a', orderBy: 'name' }),
      encode({ type: 'file', name: 'a', key: 'a', orderBy: 'size' }),
      encode({ type: 'file', name: 'a', key: 1, orderBy: 'name' }),
      encode({ type: 'file', name: 'a', key: 1, orderBy: 'colour' }),
      encode({ type: 'file', key: 1, orderBy: 'size' }),
    ]) {
      assert.throws(() => decodeMarker(marker), isMarkerNotFound, marker);
    }
  });
});
