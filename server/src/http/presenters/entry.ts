import { fileTypeOf } from '../../lib/mime.js';
import { previewFlags } from '../../media/active-tools.js';
import { toSegments } from '../../lib/smh-path.js';
import type { Entry } from '../../stores/meta/meta-store.js';

/** Domain entries → SMH's JSON field names (files.md §6.8, dirs.md §4). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function directoryEtag(entry: Entry): string {
  // Identity plus revision: a deleted and re-created directory never reuses an old eTag.
  return `${entry.id.slice(0, 8)}-${entry.revision}`;
}

/** `fileType` and the preview flags, alike in listings, D4 info and the download ?info. */
export function previewFields(entry: Entry): { fileType: string; previewByDoc: boolean; previewByCI: boolean; previewAsIcon: boolean } {
  // True exactly for what this node renders with the tools it found (media/active-tools.ts).
  return { fileType: fileTypeOf(entry.name, entry.contentType), ...previewFlags(entry.name, entry.contentType) };
}

function fileFields(entry: Entry): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    contentType: entry.contentType,
    size: String(entry.size),
    eTag: entry.etag,
    crc64: entry.crc64,
    versionId: entry.versionId,
    ...previewFields(entry),
  };
  if (Object.keys(entry.meta).length > 0) {
    fields.metaData = entry.meta;
  }
  if (entry.category) {
    fields.category = entry.category;
  }
  return fields;
}

function common(entry: Entry, withInode: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: entry.name,
    path: toSegments(entry.path),
    type: entry.type,
    creationTime: iso(entry.createdAt),
    modificationTime: iso(entry.modifiedAt),
  };
  if (withInode) {
    out.inode = entry.id;
  }
  if (entry.labels.length > 0) {
    out.labels = entry.labels;
  }
  if (entry.localCreationTime) {
    out.localCreationTime = entry.localCreationTime;
  }
  if (entry.localModificationTime) {
    out.localModificationTime = entry.localModificationTime;
  }
  return out;
}

/** An item of a directory listing. */
export function presentListItem(entry: Entry, withInode: boolean): Record<string, unknown> {
  if (entry.type === 'dir') {
    const out = { ...common(entry, withInode), eTag: directoryEtag(entry) };
    return Object.keys(entry.meta).length > 0 ? { ...out, metaData: entry.meta } : out;
  }
  return { ...common(entry, withInode), ...fileFields(entry) };
}

/** D4 info of a file or directory; `historySize` = bytes of the file's historical versions. */
export function presentInfo(entry: Entry, withInode: boolean, historySize = 0): Record<string, unknown> {
  const out = { ...presentListItem(entry, withInode), userId: entry.userId, ...(entry.type === 'dir' ? {} : { historySize: String(historySize) }) };
  // D4: a symlink's `linkTo` is the inode of the next file in its chain (files.md §7.4).
  return entry.type === 'symlink' && entry.linkTargetId ? { ...out, linkTo: entry.linkTargetId } : out;
}

/** The file object confirm (and quick upload) answer with. */
export function presentConfirmedFile(entry: Entry, isOverwritten: boolean, withInode: boolean): Record<string, unknown> {
  return { ...common(entry, withInode), ...fileFields(entry), virusAuditStatus: 0, isOverwritten };
}

/** `x-smh-*` headers of download, HEAD and info. */
export function fileHeaders(entry: Entry): Record<string, string> {
  const headers: Record<string, string> = {
    'x-smh-type': entry.type,
    'x-smh-creation-time': iso(entry.createdAt),
    'x-smh-modification-time': iso(entry.modifiedAt),
    'x-smh-content-type': entry.contentType,
    'x-smh-size': String(entry.size),
    'x-smh-etag': entry.etag,
    'x-smh-crc64': entry.crc64,
  };
  for (const [key, value] of Object.entries(entry.meta)) {
    // Header values must be latin1; other metadata is percent-encoded so nothing breaks the response.
    headers[key] = /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
  }
  return headers;
}
