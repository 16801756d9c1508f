import { SmhError } from '../../errors/smh-error.js';
import type { BlobStore } from '../../stores/blob/blob-store.js';
import type { Entry } from '../../stores/meta/meta-store.js';
import { type ArchiveFormat, archiveFormatOf, type ArchiveLimits, type ArchiveSource } from './archive-types.js';

/** The archive limits from config (OPENSMH_ARCHIVE_*). */
export interface ArchiveConfig {
  readonly archiveMaxEntries: number;
  readonly archiveMaxBytes: number;
  readonly archiveMaxRatio: number;
}

/** A tar has no directory: preview and validation read it whole, so SMH's 128 MB cap applies (files.md §8.9). */
export const TAR_SCAN_MAX_BYTES = 128 * 1024 * 1024;

export function archiveLimits(config: ArchiveConfig, maxNameLength: number, checkSizes: boolean): ArchiveLimits {
  return { maxEntries: config.archiveMaxEntries, maxBytes: config.archiveMaxBytes, maxRatio: config.archiveMaxRatio, maxNameLength, checkSizes };
}

/** The format of an archive file, or FileUncompressNotAllowed for anything else. */
export function requireArchive(entry: Entry): ArchiveFormat {
  const format = entry.type === 'file' && entry.blobKey ? archiveFormatOf(entry.name) : null;
  if (!format) {
    throw new SmhError('FileUncompressNotAllowed', 'Only .zip, .tar, .tar.gz and .tgz files can be previewed or uncompressed.');
  }
  return format;
}

/** Reads the file's blob by ranges; the blob's bytes never sit in memory whole. */
export function blobSource(blob: BlobStore, entry: Entry): ArchiveSource {
  const key = entry.blobKey as string;
  return {
    size: entry.size,
    open: (range) => blob.get(key, range ? { range } : undefined),
  };
}
