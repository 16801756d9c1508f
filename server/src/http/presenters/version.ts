import type { HistoryConfig, HistoryTask } from '../../services/history-config.service.js';
import type { Entry } from '../../stores/meta/meta-store.js';
import type { FileVersion } from '../../stores/meta/version-store.js';
import { iso, previewFields } from './entry.js';

/**
 * Historical versions → SMH JSON (files.md §9). Unlike file objects, `size` is a number here.
 * The current content is the list's first item, without `id`: it is the file, not a version.
 */
export function presentCurrentVersion(entry: Entry): Record<string, unknown> {
  return {
    createdBy: entry.userId,
    creationWay: entry.versionId <= 1 ? 0 : 1,
    version: entry.versionId,
    isLatestVersion: true,
    name: entry.name,
    size: entry.size,
    crc64: entry.crc64,
    eTag: entry.etag,
    contentType: entry.contentType,
    creationTime: iso(entry.modifiedAt),
    setLatestTime: iso(entry.modifiedAt),
  };
}

export function presentVersion(version: FileVersion): Record<string, unknown> {
  return {
    id: version.id,
    createdBy: version.createdBy,
    creationWay: version.creationWay,
    version: version.version,
    isLatestVersion: false,
    name: version.name,
    size: version.size,
    crc64: version.crc64,
    eTag: version.etag,
    contentType: version.contentType,
    creationTime: iso(version.createdAt),
    setLatestTime: iso(version.setLatestAt),
  };
}

/** H3's answer: the file with its restored content. */
export function presentRestored(entry: Entry): Record<string, unknown> {
  return {
    name: entry.name,
    type: entry.type,
    creationTime: iso(entry.createdAt),
    modificationTime: iso(entry.modifiedAt),
    setLatestTime: iso(entry.modifiedAt),
    contentType: entry.contentType,
    size: entry.size,
    eTag: entry.etag,
    crc64: entry.crc64,
    ...previewFields(entry),
  };
}

/** H4: only `enableFileHistory` while history is off (files.md §9.5). */
export function presentHistoryConfig(config: HistoryConfig): Record<string, unknown> {
  if (!config.enableFileHistory) {
    return { enableFileHistory: false };
  }
  return {
    enableFileHistory: true,
    fileHistoryCount: config.fileHistoryCount,
    fileHistoryExpireDay: config.fileHistoryExpireDay,
    mergeInterval: config.fileHistoryMergeInterval,
  };
}

/** T4 body of a clear-history task (dirs.md §7 T4): the result only once it is done. */
export function presentHistoryTask(task: HistoryTask): Record<string, unknown> {
  const out: Record<string, unknown> = { taskId: String(task.id), taskType: 'clearLibraryHistory', status: task.status };
  if (task.deleteCount !== null) {
    out.clearLibraryHistoryResult = { status: task.status, code: '', deleteCount: task.deleteCount };
  }
  return out;
}
