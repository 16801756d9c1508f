import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { SmhError } from '../../errors/smh-error.js';
import { ArchiveChecker, archiveError, type ArchiveLimits, type ArchiveSource, type ArchiveVisitor, callVisitor, type EntryKind, limitExceeded, VisitorError, type WalkOptions } from './archive-types.js';

/** tar spends at most a header block and a padding block per entry beyond the entries' bytes. */
const TAR_OVERHEAD_PER_ENTRY = 2048;
const RATIO_FLOOR = 1024 * 1024;

function kindOf(type: string | null | undefined): EntryKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
    case 'link':
      return 'symlink';
    case null:
    case undefined:
    default:
      return 'other';
  }
}

/**
 * Counts the bytes the tar parser gets and stops the stream past what the limits allow: a .tar.gz
 * whose headers look small can still inflate without end, which declared sizes would never show.
 */
function inflationGuard(limits: ArchiveLimits, archiveSize: number, gzipped: boolean): Transform {
  const cap = limits.maxBytes + (limits.maxEntries + 2) * TAR_OVERHEAD_PER_ENTRY;
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > cap) {
        callback(limitExceeded(`The archive inflates to more than ${limits.maxBytes} bytes.`));
        return;
      }
      if (gzipped && seen > RATIO_FLOOR && seen > archiveSize * limits.maxRatio) {
        callback(limitExceeded(`The archive is compressed more than ${limits.maxRatio}:1.`));
        return;
      }
      callback(null, chunk);
    },
  });
}

/**
 * Walks a tar or tar.gz front to back (a tar has no directory to read first): every header is
 * checked as it streams past, and entry data is handed out or skipped without being buffered.
 */
export async function walkTar(source: ArchiveSource, gzipped: boolean, limits: ArchiveLimits, visit: ArchiveVisitor, options: WalkOptions): Promise<ArchiveChecker> {
  const raw = await source.open();
  const extract = tar.extract();
  let streamError: Error | null = null;
  const stages = gzipped ? [raw, createGunzip(), inflationGuard(limits, source.size, true), extract] : [raw, inflationGuard(limits, source.size, false), extract];
  const piping = pipeline(stages).catch((error: Error) => {
    streamError ??= error;
  });
  const checker = new ArchiveChecker(limits);
  try {
    let index = 0;
    for await (const entry of extract) {
      options.signal?.throwIfAborted();
      const header = entry.header;
      const modified = header.mtime ? header.mtime.getTime() : null;
      const item = checker.check(index, header.name, kindOf(header.type), header.size ?? 0, gzipped ? null : header.size ?? 0, modified);
      const wanted = item !== null && options.withData && !item.isDir && index >= (options.from ?? 0);
      if (item) {
        // tar-stream's entries are streamx streams; the visitor gets a node stream over the same bytes.
        await callVisitor(visit, item, wanted ? Readable.from(entry) : null);
      }
      entry.resume();
      index += 1;
    }
    await piping;
    if (streamError) {
      throw streamError;
    }
    return checker;
  } catch (error) {
    extract.destroy();
    raw.destroy();
    await piping;
    if (options.signal?.aborted) {
      throw error; // shutdown or a lost lease: the job runs again, nothing is wrong with the archive
    }
    // Our own refusals come first; a limit hit inside the pipeline reaches the loop only as a
    // generic stream error, so then the pipeline's error is the one to report.
    const ours = error instanceof SmhError || error instanceof VisitorError;
    throw archiveError(ours ? error : (streamError ?? error), null);
  }
}
