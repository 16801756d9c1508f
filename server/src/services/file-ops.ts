import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import { ArchiveService } from './archive.service.js';
import type { ArchiveConfig } from './archive/archive-file.js';
import { CalibrateService } from './calibrate.service.js';
import { ContentsViewService } from './contents-view.service.js';
import type { Clock } from './deps.js';
import { InodeService } from './inode.service.js';
import { SymlinkService } from './symlink.service.js';
import { VirtualFileService } from './virtual-file.service.js';

/**
 * SMH's remaining file operations (issue 8 item 4): symbolic links, inode look-up, the space
 * contents view, directory-stats calibration, archives and virtual files. Grouped so the
 * composition root wires them with one line.
 */
export interface FileOpsServices {
  readonly symlinks: SymlinkService;
  readonly inodes: InodeService;
  readonly contentsView: ContentsViewService;
  readonly calibrate: CalibrateService;
  readonly archives: ArchiveService;
  readonly virtualFiles: VirtualFileService;
}

export function buildFileOpsServices(deps: { meta: MetaStore; blob: BlobStore; clock: Clock; limits: ArchiveConfig }): FileOpsServices {
  return {
    symlinks: new SymlinkService(deps),
    inodes: new InodeService(deps),
    contentsView: new ContentsViewService(deps),
    calibrate: new CalibrateService(deps),
    archives: new ArchiveService(deps),
    virtualFiles: new VirtualFileService(deps),
  };
}
