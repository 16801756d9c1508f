import { SmhError } from '../errors/smh-error.js';
import { mediaKindOf } from '../lib/mime.js';
import { extensionOf, type SmhPath } from '../lib/smh-path.js';
import type { EntryType, Library, OrderBy, Space } from '../stores/meta/meta-store.js';

/**
 * What a library's type and tenancy allow (core.md §8.2, dirs.md §3): file libraries are a
 * disk with any depth; media libraries hold photos and videos, in at most one album level.
 */
export interface SpaceRules {
  readonly isFileLibrary: boolean;
  readonly isMultiAlbum: boolean;
  readonly allowPhoto: boolean;
  readonly allowVideo: boolean;
  readonly allowPhotoExt: readonly string[];
  readonly allowVideoExt: readonly string[];
  readonly allowFileExt: readonly string[];
  readonly maxNameLength: number;
}

/** Extensions compare in lower case (extensionOf lowercases); settings may hold ".JPG". */
function lowerAll(list: readonly string[]): string[] {
  return list.map((ext) => ext.toLowerCase());
}

/** Single-tenant libraries keep these settings on the library, multi-tenant ones per space. */
export function rulesFor(library: Library, space: Space): SpaceRules {
  const s = library.settings;
  const e = space.extension;
  const multi = s.isMultiSpace;
  return {
    isFileLibrary: s.isFileLibrary,
    isMultiAlbum: multi ? e.isMultiAlbum : s.isMultiAlbum,
    allowPhoto: multi ? e.allowPhoto || e.allowPhotoExtname.length > 0 || !e.allowVideo : s.allowPhoto,
    allowVideo: multi ? e.allowVideo || e.allowVideoExtname.length > 0 || !e.allowPhoto : s.allowVideo,
    allowPhotoExt: lowerAll(multi ? e.allowPhotoExtname : s.allowPhotoExtName),
    allowVideoExt: lowerAll(multi ? e.allowVideoExtname : s.allowVideoExtName),
    allowFileExt: lowerAll(multi ? e.allowFileExtname : s.allowFileExtName),
    maxNameLength: s.maxDirFileNameLength,
  };
}

/** Checks where a file may be stored and returns the entry type it gets. */
export function checkFilePlacement(rules: SpaceRules, path: SmhPath, contentType: string): EntryType {
  const ext = extensionOf(path.name);
  if (rules.isFileLibrary) {
    if (rules.allowFileExt.length > 0 && !rules.allowFileExt.includes(ext)) {
      throw new SmhError('ExtnameNotAllowed');
    }
    return 'file';
  }
  if (rules.isMultiAlbum) {
    if (path.segments.length === 1) {
      throw new SmhError('UploadToRootDirectoryNotAllowed');
    }
    if (path.segments.length > 2) {
      throw new SmhError('DirectoryLevelExceed');
    }
  } else if (path.segments.length > 1) {
    throw new SmhError('DirectoryNotAllowed');
  }
  return mediaTypeOf(rules, path.name, ext, contentType);
}

function mediaTypeOf(rules: SpaceRules, name: string, ext: string, contentType: string): EntryType {
  // Non-empty extension lists decide alone; otherwise the MIME type of the extension does.
  if (rules.allowPhotoExt.includes(ext)) {
    return 'image';
  }
  if (rules.allowVideoExt.includes(ext)) {
    return 'video';
  }
  const kind = mediaKindOf(name, contentType);
  if (kind === 'image' && rules.allowPhoto && rules.allowPhotoExt.length === 0) {
    return 'image';
  }
  if (kind === 'video' && rules.allowVideo && rules.allowVideoExt.length === 0) {
    return 'video';
  }
  throw new SmhError('ExtnameNotAllowed', 'Media libraries only accept allowed photo and video types.');
}

/** Checks that a directory (album) may exist at `path`. */
export function checkDirectoryPlacement(rules: SpaceRules, path: SmhPath): void {
  if (rules.isFileLibrary) {
    return;
  }
  if (!rules.isMultiAlbum) {
    throw new SmhError('DirectoryNotAllowed');
  }
  if (path.segments.length > 1) {
    throw new SmhError('DirectoryLevelExceed');
  }
}

/**
 * Listing order when the client names none (dirs.md §3): directories by name, then files by name
 * in file libraries and media by upload time in media libraries. Media libraries never mix the
 * two in one directory (albums hold only media; the root holds albums or only media), so one
 * order per directory is enough.
 */
export function defaultListOrder(rules: SpaceRules, path: SmhPath): OrderBy {
  if (rules.isFileLibrary || (rules.isMultiAlbum && path.path === '')) {
    return 'name';
  }
  return 'creationTime';
}
