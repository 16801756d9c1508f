import type { ArchiveChecker, ArchiveFormat, ArchiveLimits, ArchiveSource, ArchiveVisitor, WalkOptions } from './archive-types.js';
import { walkTar } from './tar-walk.js';
import { walkZip } from './zip-walk.js';

/**
 * Visits every entry of an archive in order after checking it (archive-types.ts); returns the
 * checker with the totals. Throws SMH errors: ArchiveCorrupted, ArchiveLimitExceeded,
 * ArchiveEntryNotAllowed — or whatever the visitor threw.
 */
export function walkArchive(source: ArchiveSource, format: ArchiveFormat, limits: ArchiveLimits, visit: ArchiveVisitor, options: WalkOptions): Promise<ArchiveChecker> {
  return format === 'zip' ? walkZip(source, limits, visit, options) : walkTar(source, format === 'tar.gz', limits, visit, options);
}
