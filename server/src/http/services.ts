import type { AlbumCoverService } from '../services/album-cover.service.js';
import type { BatchService } from '../services/batch.service.js';
import type { DirectoryService } from '../services/directory.service.js';
import type { DownloadService } from '../services/download.service.js';
import type { FavoriteService } from '../services/favorite.service.js';
import type { FeedService } from '../services/feed.service.js';
import type { FileOpsServices } from '../services/file-ops.js';
import type { FileService } from '../services/file.service.js';
import type { FreeSpaceGuard } from '../services/free-space.js';
import type { HistoryConfigService } from '../services/history-config.service.js';
import type { InstantUploadService } from '../services/instant-upload.service.js';
import type { LibraryService } from '../services/library.service.js';
import type { MediaInfoService } from '../services/media-info.service.js';
import type { MediaPrepareService } from '../services/media-prepare.service.js';
import type { RenditionService } from '../services/rendition.service.js';
import type { QuotaService } from '../services/quota.service.js';
import type { RecentService } from '../services/recent.service.js';
import type { RecycleBinService } from '../services/recycle-bin.service.js';
import type { SearchService } from '../services/search.service.js';
import type { ShareAccessService } from '../services/share-access.service.js';
import type { ShareService } from '../services/share.service.js';
import type { SpaceService } from '../services/space.service.js';
import type { TaskService } from '../services/task.service.js';
import type { TokenService } from '../services/token.service.js';
import type { UploadReceiver } from '../services/upload-receiver.service.js';
import type { UploadService } from '../services/upload.service.js';
import type { VersionService } from '../services/version.service.js';
import type { UsageService } from '../services/usage.service.js';

/** Everything route handlers may call; built once in app.ts. */
export interface Services {
  readonly tokens: TokenService;
  readonly libraries: LibraryService;
  readonly spaces: SpaceService;
  readonly directories: DirectoryService;
  readonly files: FileService;
  readonly batch: BatchService;
  readonly tasks: TaskService;
  readonly uploads: UploadService;
  readonly receiver: UploadReceiver;
  readonly downloads: DownloadService;
  readonly search: SearchService;
  readonly favorites: FavoriteService;
  readonly recent: RecentService;
  readonly recycleBin: RecycleBinService;
  readonly quotas: QuotaService;
  readonly usage: UsageService;
  readonly versions: VersionService;
  readonly historyConfig: HistoryConfigService;
  readonly instantUploads: InstantUploadService;
  readonly shares: ShareService;
  readonly shareAccess: ShareAccessService;
  readonly feed: FeedService;
  /** thumbnails, covers, document previews; media info; album pre-rendering at upload */
  readonly renditions: RenditionService;
  readonly mediaInfo: MediaInfoService;
  readonly mediaPrepare: MediaPrepareService;
  readonly albumCovers: AlbumCoverService;
  /** symlinks, inodes, contents view, calibration, archives, virtual files (services/file-ops.ts) */
  readonly fileOps: FileOpsServices;
  /** the configured public base URL, if any (else taken from the request) */
  readonly publicUrl: string | null;
  /** refuses upload bytes below the free-space reserve */
  readonly freeSpace: FreeSpaceGuard;
  /** base URL for signed download links when downloads have their own host (OPENSMH_DOWNLOAD_URL) */
  readonly downloadUrl?: string | null;
  readonly adminKey: string;
}
