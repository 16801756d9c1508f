import type { Entry } from '../../stores/meta/meta-store.js';
import type { Share } from '../../stores/meta/share-store.js';
import { isExpired } from '../../services/share-rules.js';
import { iso } from './entry.js';

/** Share links → SMH's JSON (dirs.md §11.1). SMH has no review step here: `status` is always 2 (approved). */
const APPROVED = 2;

function expireTime(share: Share): string {
  return share.expiresAt === null ? '' : iso(share.expiresAt);
}

/** Where a recipient starts: the public detail of the link. */
export function shareEndpoint(baseUrl: string, share: Share): string {
  return `${baseUrl}/api/v1/share/url-detail/${share.code}`;
}

/** The answer of create and update. */
export function presentShareCreated(share: Share, baseUrl: string): Record<string, unknown> {
  return {
    id: share.id,
    code: share.code,
    endpoint: shareEndpoint(baseUrl, share),
    createTime: iso(share.createdAt),
    expireTime: expireTime(share),
    isPermanent: share.expiresAt === null,
    domain: { shareDomain: [new URL(baseUrl).host] },
  };
}

function fileInfo(items: readonly Entry[]): Record<string, unknown> | null {
  const first = items[0];
  if (!first) {
    return null;
  }
  return { fileName: first.name, fileType: first.type, size: String(first.type === 'dir' ? 0 : first.size) };
}

/** Detail (and each item of list and search). */
export function presentShareDetail(share: Share, now: number, items?: readonly Entry[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: share.id,
    libraryId: share.libraryId,
    spaceId: share.spaceId,
    name: share.name,
    code: share.code,
    creatorId: share.creatorId,
    expireTime: expireTime(share),
    isPermanent: share.expiresAt === null,
    creationTime: iso(share.createdAt),
    extractionCode: share.config.extractionCode,
    isExpired: isExpired(share, now),
    ownerEnabled: share.ownerEnabled,
    adminEnabled: share.adminEnabled,
    status: APPROVED,
    canSaveToNetdisk: share.config.canSaveToNetdisk,
    canPreview: share.config.canPreview,
    canDownload: share.config.canDownload,
    forbidAnonymousUser: share.config.forbidAnonymousUser,
    previewLimit: share.previewLimit,
    previewUsed: share.previewUsed,
    downloadLimit: share.downloadLimit,
    downloadUsed: share.downloadUsed,
    toUsers: share.config.toUsers,
    userLimit: share.userLimit,
    userLimitUsed: share.userUsed,
    watermarkText: '',
  };
  if (items) {
    out.fileInfo = fileInfo(items);
    out.filePath = items.map((item) => item.path.split('/'));
  }
  return out;
}

/** `url-detail`: what a link shows before the extraction code. */
export function presentUrlDetail(share: Share, items: readonly Entry[], now: number, baseUrl: string): Record<string, unknown> {
  return {
    id: share.id,
    name: share.name,
    enabled: share.ownerEnabled && share.adminEnabled,
    isExpired: isExpired(share, now),
    expireTime: expireTime(share),
    needExtractionCode: share.config.extractionCode !== '',
    allowAnonymousUser: !share.config.forbidAnonymousUser,
    canSaveToNetDisc: share.config.canSaveToNetdisk,
    canPreview: share.config.canPreview,
    canDownload: share.config.canDownload,
    status: APPROVED,
    userId: share.creatorId,
    enableShareWatermark: false,
    shareWatermarkType: 0,
    watermarkText: '',
    fileName: items[0]?.name ?? '',
    domain: new URL(baseUrl).host,
  };
}

/** An item of a share listing. */
export function presentShareFile(share: Share, entry: Entry): Record<string, unknown> {
  return {
    name: entry.name,
    spaceId: share.spaceId,
    type: entry.type,
    size: String(entry.type === 'dir' ? 0 : entry.size),
    updateTime: iso(entry.modifiedAt),
    canPreview: share.config.canPreview && entry.type !== 'dir',
    canDownload: share.config.canDownload && entry.type !== 'dir',
    canSaveToNetdisk: share.config.canSaveToNetdisk,
    inode: entry.id,
  };
}
