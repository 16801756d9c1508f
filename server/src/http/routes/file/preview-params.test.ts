import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { thumbnailParams } from '../../../media/preview-spec.js';
import { parsePreviewSpec } from './preview-params.js';

describe('?preview parameters', () => {
  const key = (query: Record<string, string>) => thumbnailParams(parsePreviewSpec(query));

  it('normalises so equal requests share a rendition', () => {
    assert.equal(key({}), 'thumb:o');
    assert.equal(key({ size: '256' }), 'thumb:s256');
    assert.equal(key({ size: '256', scale: '50', width_size: '10' }), 'thumb:s256');
    assert.equal(key({ scale: '50' }), 'thumb:p50');
    assert.equal(key({ scale: '100' }), 'thumb:o');
    assert.equal(key({ width_size: '300' }), 'thumb:w300h');
    assert.equal(key({ height_size: '300' }), 'thumb:wh300');
    assert.equal(key({ scale: '50', width_size: '300' }), 'thumb:p50');
    assert.equal(key({ size: '64', frame_number: '3' }), 'thumb:s64f3');
    assert.equal(key({ size: '64', frame_number: '0', purpose: 'list', mobile: '' }), 'thumb:s64');
  });

  it('clamps huge sizes and refuses malformed ones', () => {
    assert.equal(key({ size: '100000' }), 'thumb:s4096');
    for (const query of [{ size: '0' }, { size: '-3' }, { size: '1.5' }, { scale: '0' }, { scale: '101' }, { width_size: 'wide' }, { frame_number: '-1' }]) {
      assert.throws(() => parsePreviewSpec(query), (error: { code?: string }) => error.code === 'ParamInvalid', JSON.stringify(query));
    }
  });

  it('documents: type=pic asks for the first page as a picture', () => {
    assert.equal(parsePreviewSpec({ type: 'pic' }).docAs, 'pic');
    assert.equal(parsePreviewSpec({}).docAs, 'html');
  });
});
