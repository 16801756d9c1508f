import type { Readable } from 'node:stream';

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PresignOptions {
  expiresInSeconds: number;
  contentType: string;
  contentDisposition: string;
}

export interface DirectPut {
  domain: string;
  path: string;
  headers: Record<string, string>;
  /** when the signed headers stop being accepted */
  expiresAt: number;
}

export interface BlobCapabilities {
  /** the store can hand out URLs clients use directly (S3 presigning) */
  readonly presign: boolean;
  /** the store assembles multipart uploads itself */
  readonly nativeMultipart: boolean;
}

/**
 * Bytes only, under opaque keys (see key.ts). Names, paths, sizes, checksums and user metadata
 * live in the MetaStore. A put is all-or-nothing: a failed or aborted put leaves no blob.
 */
export interface BlobStore {
  readonly capabilities: BlobCapabilities;
  /** stores the stream under `key`; resolves with the byte count once durable */
  put(key: string, body: Readable, options?: { signal?: AbortSignal }): Promise<{ size: number }>;
  /** reads the blob (or a range of it); rejects with a BlobNotFoundError when absent */
  get(key: string, options?: { range?: ByteRange; signal?: AbortSignal }): Promise<Readable>;
  /** size of the blob, or null when absent */
  stat(key: string): Promise<{ size: number } | null>;
  /** removes the blob; absent blobs are not an error */
  delete(key: string): Promise<void>;
  /** stores one part of a multipart upload; re-sending a part replaces it */
  putPart(
    uploadId: string,
    partNumber: number,
    body: Readable,
    options?: { signal?: AbortSignal },
  ): Promise<{ size: number }>;
  /**
   * joins the given parts, in order, into the blob `key`, then drops the parts. A store that
   * joins by copying bytes itself (not `nativeMultipart`) passes each chunk, in order, to
   * `onData` on the way, so hashes of the whole object need no second read.
   */
  completeMultipart(uploadId: string, partNumbers: readonly number[], key: string, options?: { onData?: (chunk: Buffer) => void }): Promise<void>;
  /** drops every part of the upload; unknown uploads are not an error */
  abortMultipart(uploadId: string): Promise<void>;
  /**
   * where the blob's file lives, for a front web server to send it (download offload): `absolute`,
   * and `relative` to the folder holding every blob. Only stores that keep blobs on local disk.
   */
  localFile?(key: string): { absolute: string; relative: string };
  /** a URL clients can GET the blob from directly; only where `capabilities.presign` */
  presignGet?(key: string, options: PresignOptions): Promise<string>;
  /**
   * Where a client can PUT the blob's bytes itself (a direct upload target) — a URL without a
   * query string plus headers to copy verbatim, valid for a few minutes; only where
   * `capabilities.presign`.
   */
  /** a signed PUT target; with `contentLength` the signature covers it, so no other length is accepted */
  presignPut?(key: string, options: { contentType: string; contentLength?: number }): Promise<DirectPut>;
  /**
   * Bytes still free where this store writes, or null when it cannot tell (S3). Upload receivers
   * refuse new bytes below a reserve, so deletes keep working on a nearly full disk.
   */
  freeBytes?(): Promise<number | null>;
  /** keys of all blobs, for the orphan sweep */
  listKeys(): AsyncIterable<string>;
  close(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`blob not found: ${key}`);
    this.name = 'BlobNotFoundError';
  }
}
