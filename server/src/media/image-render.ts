import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { MAX_EDGE, type Resize } from './preview-spec.js';
import { NotPreviewable, type Rendered, type RenderLimits } from './rendered.js';

/**
 * Thumbnails with sharp (libvips): decoding and resizing run in libuv's thread pool, never on
 * the event loop. EXIF orientation is applied (`rotate()` with no angle) and metadata is not
 * copied to the output, so a rendition is always upright and carries no GPS tags.
 */
function withResize(pipeline: Sharp, resize: Resize, width: number, height: number): Sharp {
  switch (resize.mode) {
    case 'original':
      return width > MAX_EDGE || height > MAX_EDGE ? pipeline.resize(MAX_EDGE, MAX_EDGE, { fit: 'inside' }) : pipeline;
    case 'square':
      // SMH crops around faces; without a face detector the attention strategy (skin tones,
      // saturation, edges) keeps the interesting part, which beats a blind centre crop.
      return pipeline.resize(resize.size, resize.size, { fit: 'cover', position: sharp.strategy.attention });
    case 'scale':
      return pipeline.resize(Math.max(1, Math.round((width * resize.percent) / 100)), Math.max(1, Math.round((height * resize.percent) / 100)), { fit: 'fill' });
    case 'box':
      return pipeline.resize(resize.width, resize.height, { fit: 'inside', withoutEnlargement: true });
  }
}

/**
 * Process-wide libvips settings, applied once at start: no operation cache (every rendition is
 * made once, so the cache only holds memory) and one libvips thread per image, since the
 * rendition limiter already runs one image per core; nested parallelism would only thrash.
 */
export function configureImageLibrary(): void {
  sharp.cache(false);
  sharp.concurrency(1);
}

export async function renderImage(input: string | Buffer, resize: Resize, frame: number, limits: RenderLimits): Promise<Rendered> {
  const options: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true };
  let meta: Metadata;
  try {
    meta = await sharp(input, options).metadata();
  } catch (error) {
    throw new NotPreviewable('not a decodable image', { cause: error });
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width <= 0 || height <= 0 || width * height > limits.maxPixels) {
    throw new NotPreviewable(`image of ${width}x${height} pixels is over the limit`);
  }
  const page = Math.min(frame, Math.max(0, (meta.pages ?? 1) - 1));
  const pipeline = withResize(sharp(input, { ...options, page, pages: 1 }).rotate(), resize, width, height)
    .timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) });
  const output = meta.hasAlpha ? pipeline.png({ compressionLevel: 6 }) : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82 });
  try {
    const { data, info } = await output.toBuffer({ resolveWithObject: true });
    return { data, contentType: meta.hasAlpha ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
  } catch (error) {
    throw new NotPreviewable('image could not be rendered', { cause: error });
  }
}
