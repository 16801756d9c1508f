/**
 * Renditions: bytes derived from a content blob (a thumbnail, a video cover, a document's first
 * page), stored as blobs of their own and keyed by (source blob, normalised parameters). They
 * belong to the content blob, not to a file: files sharing bytes share renditions, and they are
 * deleted in the transaction that deletes the content blob's row (blob-refs.ts).
 */
export interface Rendition {
  sourceKey: string;
  /** normalised rendering parameters, e.g. `thumb:s256` */
  params: string;
  blobKey: string;
  contentType: string;
  size: number;
  width: number;
  height: number;
  createdAt: number;
}

/** What was read once from a content blob: image EXIF or video stream facts. */
export interface MediaInfoRow {
  blobKey: string;
  /** JSON object; its shape belongs to media/media-info.ts */
  info: string;
  createdAt: number;
}

export interface RenditionRepo {
  get(sourceKey: string, params: string): Promise<Rendition | null>;
  /**
   * Keeps `rendition` unless another node kept one for the same (source, params) first, or the
   * source blob is gone; returns the rendition that is kept (null when the source is gone).
   * Callers run it in a transaction, so it cannot race with the source blob's deletion.
   */
  insertIfAbsent(rendition: Rendition): Promise<Rendition | null>;
  /** drops every rendition and the media info of a source blob; returns the renditions' blob keys */
  deleteBySource(sourceKey: string): Promise<string[]>;
  /** true when `blobKey` holds a kept rendition (the orphan sweep must spare it) */
  isRendition(blobKey: string): Promise<boolean>;
  getInfo(blobKey: string): Promise<MediaInfoRow | null>;
  /** first writer wins; a source blob that is gone stores nothing */
  putInfo(row: MediaInfoRow): Promise<void>;
}
