import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ArchiveSource } from './archive-types.js';

/** Small reads (zip headers, the central directory) are served from one cached window of this size. */
const WINDOW = 256 * 1024;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * yauzl reads a zip by random access; this serves its reads from a blob with ranged gets (local
 * file or S3 object), never holding more than one window of the archive in memory. Reading the
 * central directory entry by entry would otherwise cost one S3 request per header.
 */
export class BlobRangeReader extends yauzl.RandomAccessReader {
  private window: { start: number; data: Buffer } | null = null;

  constructor(private readonly source: ArchiveSource) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    const last = Math.min(end, this.source.size) - 1;
    if (last < start) {
      out.end();
      return out;
    }
    this.source.open({ start, end: last }).then(
      (stream) => {
        stream.on('error', (error) => out.destroy(error));
        out.on('close', () => stream.destroy());
        stream.pipe(out);
      },
      (error: Error) => out.destroy(error),
    );
    return out;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    if (length > WINDOW) {
      super.read(buffer, offset, length, position, callback);
      return;
    }
    const serve = (window: { start: number; data: Buffer }) => {
      const from = position - window.start;
      const copied = window.data.copy(buffer, offset, from, Math.min(from + length, window.data.length));
      callback(null, copied);
    };
    const cached = this.window;
    if (cached && position >= cached.start && position + length <= cached.start + cached.data.length) {
      serve(cached);
      return;
    }
    collect(this._readStreamForRange(position, Math.min(position + WINDOW, this.source.size))).then(
      (data) => {
        this.window = { start: position, data };
        serve(this.window);
      },
      (error: Error) => callback(error),
    );
  }
}
