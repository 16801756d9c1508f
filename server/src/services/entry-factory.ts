import { newHexId } from '../lib/ids.js';
import type { Entry, EntryType } from '../stores/meta/meta-store.js';

/** Builds a directory row; the space root is the directory with path ''. */
export function newDirectoryEntry(
  libraryId: string,
  spaceId: string,
  path: string,
  userId: string,
  now: number,
  extra: Partial<Pick<Entry, 'meta' | 'labels' | 'localCreationTime' | 'localModificationTime'>> = {},
): Entry {
  const slash = path.lastIndexOf('/');
  return {
    id: newHexId(),
    libraryId,
    spaceId,
    path,
    parent: slash < 0 ? '' : path.slice(0, slash),
    name: path.slice(slash + 1),
    type: 'dir',
    blobKey: null,
    size: 0,
    contentType: '',
    crc64: '',
    etag: '',
    meta: extra.meta ?? {},
    labels: extra.labels ?? [],
    category: '',
    localCreationTime: extra.localCreationTime ?? '',
    localModificationTime: extra.localModificationTime ?? '',
    userId,
    versionId: 0,
    revision: 1,
    createdAt: now,
    modifiedAt: now,
  };
}

export interface FileContent {
  type: EntryType;
  blobKey: string;
  size: number;
  contentType: string;
  crc64: string;
  etag: string;
}

export function newFileEntry(
  libraryId: string,
  spaceId: string,
  path: string,
  userId: string,
  now: number,
  content: FileContent,
  extra: Partial<Pick<Entry, 'meta' | 'labels' | 'category' | 'localCreationTime' | 'localModificationTime'>> = {},
): Entry {
  const slash = path.lastIndexOf('/');
  return {
    ...newDirectoryEntry(libraryId, spaceId, path, userId, now, extra),
    parent: slash < 0 ? '' : path.slice(0, slash),
    category: extra.category ?? '',
    versionId: 1,
    ...content,
  };
}

/** A copy of `entry` at `path`: a new id and times, the same content (and blob) as the source. */
export function copiedEntry(entry: Entry, path: string, userId: string, now: number): Entry {
  const slash = path.lastIndexOf('/');
  return {
    ...entry,
    id: newHexId(),
    path,
    parent: slash < 0 ? '' : path.slice(0, slash),
    name: path.slice(slash + 1),
    userId,
    revision: 1,
    versionId: entry.type === 'dir' ? 0 : 1,
    createdAt: now,
    modifiedAt: now,
  };
}
