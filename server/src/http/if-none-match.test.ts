import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ifNoneMatchHits } from './if-none-match.js';

describe('ifNoneMatchHits', () => {
  it('matches quoted, bare, weak, listed and wildcard tags', () => {
    assert.equal(ifNoneMatchHits('"abc"', '"abc"'), true);
    assert.equal(ifNoneMatchHits('abc', '"abc"'), true);
    assert.equal(ifNoneMatchHits('"abc"', 'abc'), true);
    assert.equal(ifNoneMatchHits('W/"abc"', '"abc"'), true);
    assert.equal(ifNoneMatchHits('"x", "abc"', '"abc"'), true);
    assert.equal(ifNoneMatchHits(' * ', '"abc"'), true);
  });

  it('misses other tags and an absent header', () => {
    assert.equal(ifNoneMatchHits(undefined, '"abc"'), false);
    assert.equal(ifNoneMatchHits('', '"abc"'), false);
    assert.equal(ifNoneMatchHits('"abcd"', '"abc"'), false);
    assert.equal(ifNoneMatchHits('"x", "y"', '"abc"'), false);
  });
});
