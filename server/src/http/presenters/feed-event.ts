import { fileTypeOf } from '../../lib/mime.js';
import { toSegments } from '../../lib/smh-path.js';
import type { FeedEvent } from '../../stores/meta/feed-store.js';
import { iso } from './entry.js';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function time(value: unknown): string | undefined {
  return typeof value === 'number' ? iso(value) : undefined;
}

/**
 * One delta item as SMH's SDKs read it (files.md §8.9). `path` (segments) is our addition: a
 * client may replay by inode/parentInode alone, as with SMH, or by path.
 */
export function presentFeedEvent(event: FeedEvent): Record<string, unknown> {
  const p = event.payload;
  const type = text(p.type);
  const isDir = type === 'dir';
  const item: Record<string, unknown> = {
    eventType: event.eventType,
    eventTime: iso(event.createdAt),
    inode: text(p.inode),
    parentInode: text(p.parentInode),
    name: text(p.name),
    type,
    creationTime: time(p.createdAt),
    modificationTime: time(p.modifiedAt),
    userId: text(p.userId),
    location: typeof p.location === 'number' ? p.location : 0,
    removedByQuota: false,
    linkTo: null,
    extraInfo: p.extraInfo ?? {},
  };
  if (typeof p.path === 'string') {
    item.path = toSegments(p.path);
  }
  if (!isDir) {
    Object.assign(item, {
      size: String(typeof p.size === 'number' ? p.size : 0),
      eTag: text(p.etag),
      crc64: text(p.crc64),
      contentType: text(p.contentType),
      category: text(p.category),
      fileType: fileTypeOf(text(p.name), text(p.contentType)),
      localCreationTime: text(p.localCreationTime),
      localModificationTime: text(p.localModificationTime),
      versionId: typeof p.versionId === 'number' ? p.versionId : null,
    });
  }
  return item;
}
