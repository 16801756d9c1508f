/** Bytes a renderer produced, with what the rendition row records about them. */
export interface Rendered {
  readonly data: Buffer;
  readonly contentType: string;
  readonly width: number;
  readonly height: number;
}

/** The input cannot be previewed (corrupt, too large, no video stream…): SMH answers with the download. */
export class NotPreviewable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotPreviewable';
  }
}

export interface RenderLimits {
  /** decompression-bomb cap: images with more input pixels are not decoded */
  readonly maxPixels: number;
  readonly timeoutMs: number;
}
