import { SmhError } from '../../../errors/smh-error.js';
import { MAX_EDGE, type PreviewSpec, type Resize } from '../../../media/preview-spec.js';
import type { Query } from '../../request-input.js';

/** A positive integer query value, clamped to `max`; absent or empty = null. */
function positive(query: Query, name: string, max: number, min = 1): number | null {
  const text = query[name];
  if (text === undefined || text === '') {
    return null;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new SmhError('ParamInvalid', `${name} must be an integer of at least ${min}.`);
  }
  return Math.min(value, max);
}

/**
 * `?preview` parameters (files.md §7.6/§7.7): `size` beats `scale` beats `width_size` /
 * `height_size`. Sizes beyond MAX_EDGE are clamped rather than refused, as image services do.
 * `purpose`, `mobile` and `lang` are accepted and change nothing.
 */
export function parsePreviewSpec(query: Query): PreviewSpec {
  const size = positive(query, 'size', MAX_EDGE);
  const scale = positive(query, 'scale', 100);
  const width = positive(query, 'width_size', MAX_EDGE);
  const height = positive(query, 'height_size', MAX_EDGE);
  if (query.scale !== undefined && query.scale !== '' && Number(query.scale) > 100) {
    throw new SmhError('ParamInvalid', 'scale must be between 1 and 100.');
  }
  let resize: Resize = { mode: 'original' };
  if (size !== null) {
    resize = { mode: 'square', size };
  } else if (scale !== null && scale < 100) {
    resize = { mode: 'scale', percent: scale };
  } else if (scale === null && (width !== null || height !== null)) {
    resize = { mode: 'box', width, height };
  }
  return { resize, frame: positive(query, 'frame_number', 100_000, 0) ?? 0, docAs: query.type === 'pic' ? 'pic' : 'html' };
}
