import type { Readable } from 'node:stream';
import { SmhError } from '../../errors/smh-error.js';
import { archiveEntryPath } from '../../lib/archive-path.js';

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz';

/** The archive kinds zip preview and uncompress read, by file name. */
export function archiveFormatOf(name: string): ArchiveFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) {
    return 'zip';
  }
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) {
    return 'tar.gz';
  }
  return lower.endsWith('.tar') ? 'tar' : null;
}

/** Random access to the archive's bytes (a blob): `range` is inclusive, as in HTTP. */
export interface ArchiveSource {
  readonly size: number;
  open(range?: { start: number; end: number }): Promise<Readable>;
}

export interface ArchiveLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly maxRatio: number;
  readonly maxNameLength: number;
  /** preview inflates nothing, so it checks names, kinds and the entry count only */
  readonly checkSizes: boolean;
}

export interface ArchiveItem {
  /** position in the archive, counting every entry (also skipped root entries) */
  readonly index: number;
  /** canonical relative path */
  readonly path: string;
  readonly isDir: boolean;
  readonly size: number;
  readonly compressedSize: number | null;
  readonly modifiedAt: number | null;
}

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** Ratios are only judged above this size: tiny files of zeros compress absurdly well and are harmless. */
const RATIO_FLOOR = 1024 * 1024;

export function limitExceeded(message: string): SmhError {
  return new SmhError('ArchiveLimitExceeded', message);
}

/**
 * The checks every entry passes before anything is extracted: safe name (archive-path.ts), a
 * plain file or directory (links and devices refused), the entry-count, total-size and ratio
 * limits, and no two entries claiming one path (or a file where a directory must be).
 */
export class ArchiveChecker {
  private count = 0;
  private totalBytes = 0;
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  constructor(private readonly limits: ArchiveLimits) {}

  get entries(): number {
    return this.count;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** null = an entry for the archive root itself (`./`), which is skipped */
  check(index: number, rawName: string, kind: EntryKind, size: number, compressedSize: number | null, modifiedAt: number | null): ArchiveItem | null {
    this.count += 1;
    if (this.count > this.limits.maxEntries) {
      throw limitExceeded(`The archive has more than ${this.limits.maxEntries} entries.`);
    }
    if (kind === 'symlink' || kind === 'other') {
      throw new SmhError('ArchiveEntryNotAllowed', `The archive entry "${rawName.slice(0, 200)}" is a ${kind === 'symlink' ? 'link' : 'special file'}; only files and directories are extracted.`);
    }
    const path = archiveEntryPath(rawName, this.limits.maxNameLength);
    if (path === '') {
      if (kind === 'file') {
        throw new SmhError('ArchiveEntryNotAllowed', 'An archive entry has an empty file name.');
      }
      return null;
    }
    this.claim(path, kind === 'dir');
    if (this.limits.checkSizes) {
      this.totalBytes += size;
      if (this.totalBytes > this.limits.maxBytes) {
        throw limitExceeded(`The archive inflates to more than ${this.limits.maxBytes} bytes.`);
      }
      if (compressedSize !== null && size > RATIO_FLOOR && size > compressedSize * this.limits.maxRatio) {
        throw limitExceeded(`The archive entry "${path}" is compressed more than ${this.limits.maxRatio}:1.`);
      }
    }
    return { index, path, isDir: kind === 'dir', size: kind === 'dir' ? 0 : size, compressedSize, modifiedAt };
  }

  /** Records `path` and its parents; a clash would make extraction depend on entry order. */
  private claim(path: string, isDir: boolean): void {
    const clash = () => new SmhError('ArchiveEntryNotAllowed', `The archive has more than one entry for "${path}".`);
    if (this.files.has(path) || (!isDir && this.dirs.has(path))) {
      throw clash();
    }
    if (isDir) {
      if (this.dirs.has(path)) {
        return; // tar archives may repeat directory entries; harmless
      }
      this.dirs.add(path);
    } else {
      this.files.add(path);
    }
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const parent = path.slice(0, slash);
      if (this.files.has(parent)) {
        throw new SmhError('ArchiveEntryNotAllowed', `The archive has both a file and a directory named "${parent}".`);
      }
      this.dirs.add(parent);
    }
  }
}

/**
 * What a walk hands each entry: the item and, for files when data was asked for, a stream of its
 * bytes that the visitor must consume (the walk cannot move on before).
 */
export type ArchiveVisitor = (item: ArchiveItem, data: Readable | null) => Promise<void>;

export interface WalkOptions {
  readonly withData: boolean;
  /** entries before this index are checked but their data is neither read nor handed out */
  readonly from?: number;
  readonly signal?: AbortSignal;
}

/** An error the visitor threw, passed through the walk untouched (not taken for a damaged archive). */
export class VisitorError extends Error {
  constructor(readonly inner: unknown) {
    super('visitor failed');
  }
}

export async function callVisitor(visit: ArchiveVisitor, item: ArchiveItem, data: Readable | null): Promise<void> {
  try {
    await visit(item, data);
  } catch (error) {
    throw new VisitorError(error);
  }
}

/** Errors of the archive libraries become SMH errors; ours and the visitor's pass through. */
export function archiveError(error: unknown, dataError: Error | null): unknown {
  if (dataError && !(dataError instanceof SmhError)) {
    return new SmhError('ArchiveCorrupted', `The archive is damaged: ${dataError.message}.`);
  }
  if (dataError) {
    return dataError;
  }
  if (error instanceof VisitorError) {
    return error.inner;
  }
  if (error instanceof SmhError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/absolute path|invalid relative path|invalid characters/.test(message)) {
    return new SmhError('ArchiveEntryNotAllowed', `The archive has an unsafe entry name: ${message}.`);
  }
  return new SmhError('ArchiveCorrupted', `The archive is damaged: ${message}.`);
}
