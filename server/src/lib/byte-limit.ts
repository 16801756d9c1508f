import { Transform, type TransformCallback } from 'node:stream';
import { SmhError } from '../errors/smh-error.js';

/**
 * Passes bytes through until more than `limit` have come, then fails the stream with
 * RequestEntityTooLarge, so the blob store aborts the write and keeps nothing (issue 10 item 5:
 * a token allowed to upload must not fill the disk with unconfirmed bytes).
 */
export class ByteLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly reason: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      callback(new SmhError('RequestEntityTooLarge', `The body is larger than ${this.reason} (${this.limit} bytes).`));
      return;
    }
    callback(null, chunk);
  }
}
