/**
 * What an upload reads from: a size and random access by byte range, so parts can be read in
 * parallel and re-read after a crash. Browsers pass a `File`/`Blob` (blobSource), Node passes a
 * path (`fileSource` in `@opensmh/client/node`), anything can pass bytes.
 */
export interface UploadSource {
  readonly size: number;
  /** a name for logs and progress events */
  readonly name?: string;
  /** MIME type, sent as the upload's content type hint when known */
  readonly type?: string;
  /** Bytes [start, end). */
  read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** Releases files and handles; optional. */
  close?(): Promise<void>;
}

export function bytesSource(data: Uint8Array | string, name?: string): UploadSource {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { size: bytes.length, name, read: async (start, end) => bytes.subarray(start, end) };
}

export function blobSource(blob: Blob, name?: string): UploadSource {
  const named = (blob as unknown as { name?: unknown }).name;
  const fileName = name ?? (typeof named === 'string' ? named : undefined);
  return {
    size: blob.size,
    name: fileName,
    type: blob.type || undefined,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
  };
}
