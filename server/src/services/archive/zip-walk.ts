import { type Readable, Transform } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SmhError } from '../../errors/smh-error.js';
import { ArchiveChecker, archiveError, type ArchiveLimits, type ArchiveSource, type ArchiveVisitor, callVisitor, type EntryKind, limitExceeded, type WalkOptions } from './archive-types.js';
import { BlobRangeReader } from './blob-range-reader.js';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function kindOf(entry: Entry): EntryKind {
  // Unix zips keep the file mode in the high half of the external attributes.
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) {
    return 'symlink';
  }
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
    return 'other';
  }
  return entry.fileName.endsWith('/') || mode === S_IFDIR ? 'dir' : 'file';
}

function openZip(source: ArchiveSource): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(
      new BlobRangeReader(source),
      source.size,
      { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** yauzl checks sizes but not CRC-32; this fails the stream at its end when the bytes disagree. */
function crcChecked(stream: Readable, expected: number): Readable {
  let crc = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc);
      callback(null, chunk);
    },
    flush(callback) {
      callback(crc >>> 0 === expected >>> 0 ? null : new Error(`CRC-32 mismatch in an entry (expected ${expected >>> 0}, got ${crc >>> 0})`));
    },
  });
  stream.on('error', (error) => check.destroy(error));
  return stream.pipe(check);
}

/**
 * Walks a zip through its central directory. The declared entry count is checked before any
 * entry is read, so a central directory claiming a million entries costs one read; entry data is
 * inflated only when asked for, and yauzl fails a stream whose size or CRC disagrees with the
 * directory (so declared sizes, which the limits judge, are also the real ones).
 */
export async function walkZip(source: ArchiveSource, limits: ArchiveLimits, visit: ArchiveVisitor, options: WalkOptions): Promise<ArchiveChecker> {
  let zip: ZipFile | null = null;
  let dataError: Error | null = null;
  try {
    zip = await openZip(source);
    if (zip.entryCount > limits.maxEntries) {
      throw limitExceeded(`The archive declares ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted.`);
    }
    const checker = new ArchiveChecker(limits);
    for (let index = 0; ; index += 1) {
      options.signal?.throwIfAborted();
      const entry = await nextEntry(zip);
      if (!entry) {
        return checker;
      }
      if (entry.isEncrypted()) {
        throw new SmhError('ArchiveEntryNotAllowed', `The archive entry "${entry.fileName}" is encrypted; encrypted archives are not supported.`);
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new SmhError('ArchiveEntryNotAllowed', `The archive entry "${entry.fileName}" uses compression method ${entry.compressionMethod}; only stored and deflated entries are supported.`);
      }
      const modified = entry.getLastModDate().getTime();
      const item = checker.check(index, entry.fileName, kindOf(entry), entry.uncompressedSize, entry.compressedSize, Number.isNaN(modified) ? null : modified);
      if (!item) {
        continue;
      }
      if (!options.withData || item.isDir || index < (options.from ?? 0)) {
        await callVisitor(visit, item, null);
        continue;
      }
      const raw = await openEntry(zip, entry);
      const stream = crcChecked(raw, entry.crc32);
      stream.on('error', (error) => {
        dataError ??= error;
      });
      try {
        await callVisitor(visit, item, stream);
      } finally {
        stream.destroy();
        raw.destroy();
      }
    }
  } catch (error) {
    if (options.signal?.aborted) {
      throw error; // shutdown or a lost lease: the job runs again, nothing is wrong with the archive
    }
    throw archiveError(error, dataError);
  } finally {
    zip?.close();
  }
}
