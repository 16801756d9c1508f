import type { SmhCore } from './client.js';
import { combineCrc64, Crc64, sameCrc64 } from './crc64.js';
import { Crc64MismatchError, isAbortError, NetworkError, OpenSmhError } from './errors.js';
import { ProgressMeter } from './progress.js';
import { errorFrom } from './transport.js';
import type { FileInfo, ProgressListener } from './types.js';

export interface DownloadOptions {
  historyId?: number | string;
  /** first byte to fetch (resuming a partial download); default 0 */
  offset?: number;
  /** CRC-64 of the bytes [0, offset) the caller already holds, so the whole file can still be verified */
  prefixCrc64?: string;
  /** eTag the caller's partial bytes came from; a different file on the server restarts nothing but throws */
  expectEtag?: string;
  /** retries after a broken connection, each continuing where the last stopped (default 5) */
  retries?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface DownloadSink {
  write(chunk: Uint8Array): void | Promise<void>;
}

export interface DownloadResult {
  info: FileInfo;
  size: number;
  /** bytes fetched in this call */
  fetched: number;
  /** whole-file CRC-64, verified against the server's; null when a suffix was fetched without prefixCrc64 */
  crc64: string | null;
}

/** A file's content changed on the server between a partial download and its resume. */
export class RemoteChangedError extends OpenSmhError {
  override readonly name = 'RemoteChangedError';
}

/** Fetches the signed URL from `offset`, via Range; an answer that ignores Range is refused. */
async function openAt(core: SmhCore, url: string, offset: number, size: number, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
  let response: Response;
  try {
    response = await core.fetch(url, { headers, signal });
  } catch (error) {
    throw isAbortError(error) ? error : new NetworkError('GET download', error);
  }
  if (!response.ok) {
    throw await errorFrom(response, 'GET download');
  }
  if (offset > 0 && response.status !== 206) {
    await response.body?.cancel();
    throw new OpenSmhError(`the download URL ignored Range bytes=${offset}- (HTTP ${response.status})`);
  }
  if (!response.body) {
    if (offset === size) {
      return new ReadableStream({ start: (controller) => controller.close() });
    }
    throw new OpenSmhError('the download answer has no body');
  }
  return response.body;
}

/**
 * Streams a file (or its tail from `offset`) into `sink`, resuming with Range after a broken
 * connection, and checks the whole-file CRC-64 against the server's `crc64`.
 */
export async function downloadTo(core: SmhCore, path: string, sink: DownloadSink, options: DownloadOptions = {}): Promise<DownloadResult> {
  let info = await core.fileInfo(path, { historyId: options.historyId, signal: options.signal });
  if (options.expectEtag !== undefined && info.eTag !== options.expectEtag) {
    throw new RemoteChangedError(`${path} changed on the server since the partial download (eTag ${options.expectEtag} → ${info.eTag})`);
  }
  const size = Number(info.size ?? 0);
  const start = options.offset ?? 0;
  const meter = new ProgressMeter(options.onProgress, 'download', path, size);
  meter.skip(start);
  const verify = start === 0 || options.prefixCrc64 !== undefined;
  const crc = new Crc64();
  let position = start;
  let retriesLeft = options.retries ?? 5;
  for (;;) {
    try {
      if (!info.cosUrl) {
        throw new OpenSmhError(`no download URL for ${path}`);
      }
      const reader = (await openAt(core, info.cosUrl, position, size, options.signal)).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        crc.update(value);
        await sink.write(value);
        position += value.length;
        meter.add(value.length);
      }
      if (position !== size) {
        throw new NetworkError('GET download', new Error(`connection closed at byte ${position} of ${size}`));
      }
      break;
    } catch (error) {
      const retriable = error instanceof NetworkError || (error instanceof Error && error.name === 'TypeError');
      if (isAbortError(error) || options.signal?.aborted || !retriable || retriesLeft <= 0) {
        throw error;
      }
      retriesLeft -= 1;
      // The signed URL may have expired meanwhile; a fresh one must still name the same bytes.
      const fresh = await core.fileInfo(path, { historyId: options.historyId, signal: options.signal });
      if (fresh.eTag !== info.eTag) {
        throw new RemoteChangedError(`${path} changed on the server during the download`);
      }
      info = fresh;
    }
  }
  let whole: string | null = null;
  if (verify) {
    whole = start === 0 ? crc.digest() : combineCrc64(options.prefixCrc64 as string, crc.digest(), size - start);
    if (info.crc64 !== undefined && !sameCrc64(info.crc64, whole)) {
      throw new Crc64MismatchError(path, info.crc64, whole, 'download');
    }
  }
  meter.done();
  return { info, size, fetched: size - start, crc64: whole };
}

/** The whole file in memory (small files). */
export async function downloadBytes(core: SmhCore, path: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const result = await downloadTo(core, path, { write: (chunk) => void chunks.push(chunk) }, options);
  const out = new Uint8Array(result.fetched);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
