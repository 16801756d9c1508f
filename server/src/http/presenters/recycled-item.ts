import { toSegments } from '../../lib/smh-path.js';
import type { RecycledView } from '../../services/recycle-bin.service.js';
import { iso, previewFields } from './entry.js';

export interface Authority {
  canDelete: boolean;
  canRestore: boolean;
}

/**
 * A recycle-bin item as R1 lists it (dirs.md §6 "Recycle item object"). `originalPath` includes
 * the item's own name; `size` of a directory is the bytes of every file inside it;
 * `remainingTime` (whole days) is absent when the library keeps bin items until purged.
 */
export function presentRecycledItem(view: RecycledView, authority: Authority): Record<string, unknown> {
  const { item, entry } = view;
  const out: Record<string, unknown> = {
    recycledItemId: item.id,
    name: entry.name,
    originalPath: toSegments(item.path),
    spaceId: item.spaceId,
    type: item.type,
    size: String(item.size),
    creationTime: iso(entry.createdAt),
    modificationTime: iso(entry.modifiedAt),
    removalTime: iso(item.removedAt),
  };
  if (view.remainingDays !== null) {
    out.remainingTime = view.remainingDays;
  }
  if (item.type !== 'dir') {
    Object.assign(out, previewFields(entry), { crc64: entry.crc64 });
  }
  out.authorityList = authority;
  return out;
}

/** R2: the list fields plus the deleted file's details (the route adds cosUrl for files). */
export function presentRecycledInfo(view: RecycledView, authority: Authority): Record<string, unknown> {
  const { entry } = view;
  const out: Record<string, unknown> = { ...presentRecycledItem(view, authority), labels: entry.labels, metaData: entry.meta };
  if (entry.type !== 'dir') {
    Object.assign(out, {
      contentType: entry.contentType,
      eTag: entry.etag,
      category: entry.category,
      localCreationTime: entry.localCreationTime,
      localModificationTime: entry.localModificationTime,
    });
  }
  return out;
}
