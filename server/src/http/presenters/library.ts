import { SmhError } from '../../errors/smh-error.js';
import type { LibrarySettings } from '../../services/library-settings.js';
import type { Library } from '../../stores/meta/meta-store.js';
import { iso } from './entry.js';

/** SMH's service-level LibraryExtension field names (core.md §7.4) ↔ our settings keys. */
const EXTENSION_FIELDS: Record<string, keyof LibrarySettings> = {
  IsFileLibrary: 'isFileLibrary',
  IsMultiSpace: 'isMultiSpace',
  CosStorageClass: 'cosStorageClass',
  UseRecycleBin: 'useRecycleBin',
  AutoRemoveRecycledDays: 'autoRemoveRecycledDays',
  EnableSearch: 'enableSearch',
  DenyOnQuotaLessThanUsage: 'denyOnQuotaLessThanUsage',
  EnableFileHistory: 'enableFileHistory',
  FileHistoryCount: 'fileHistoryCount',
  FileHistoryExpireDay: 'fileHistoryExpireDay',
  FileHistoryMergeInterval: 'fileHistoryMergeInterval',
  MaxDirFileNameLength: 'maxDirFileNameLength',
  IsPublicRead: 'isPublicRead',
  IsMultiAlbum: 'isMultiAlbum',
  AllowPhoto: 'allowPhoto',
  AllowPhotoExtName: 'allowPhotoExtName',
  AllowVideo: 'allowVideo',
  AllowVideoExtName: 'allowVideoExtName',
  AllowFileExtName: 'allowFileExtName',
  RecognizeSensitiveContent: 'recognizeSensitiveContent',
  EnableQuota: 'enableQuota',
  LibraryQuota: 'libraryQuota',
  DefaultConflictResolutionStrategy: 'defaultConflictResolutionStrategy',
};

function expectedType(key: keyof LibrarySettings): string {
  if (key === 'cosStorageClass' || key === 'defaultConflictResolutionStrategy') {
    return 'string';
  }
  if (key.endsWith('ExtName')) {
    return 'array';
  }
  if (['autoRemoveRecycledDays', 'fileHistoryCount', 'fileHistoryExpireDay', 'fileHistoryMergeInterval', 'maxDirFileNameLength', 'libraryQuota'].includes(key)) {
    return 'number';
  }
  return 'boolean';
}

/** Reads a LibraryExtension object (PascalCase, as SMH; camelCase accepted too) into settings. */
export function parseExtension(value: unknown): Partial<LibrarySettings> {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SmhError('ParamInvalid', 'LibraryExtension must be an object.');
  }
  const out: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(value)) {
    const key = EXTENSION_FIELDS[field] ?? Object.values(EXTENSION_FIELDS).find((k) => k === field);
    if (!key) {
      throw new SmhError('ParamInvalid', `Unknown LibraryExtension field ${field}.`);
    }
    const type = expectedType(key);
    const nullable = key === 'fileHistoryCount' || key === 'fileHistoryExpireDay' || key === 'libraryQuota' || key === 'defaultConflictResolutionStrategy';
    const fine = (raw === null && nullable) || (type === 'array' ? Array.isArray(raw) && raw.every((item) => typeof item === 'string') : typeof raw === type);
    if (!fine) {
      throw new SmhError('ParamInvalid', `LibraryExtension.${field} must be a ${type}.`);
    }
    if (key === 'defaultConflictResolutionStrategy' && raw !== null && !['ask', 'rename', 'overwrite'].includes(raw as string)) {
      throw new SmhError('ParamInvalid', 'DefaultConflictResolutionStrategy must be ask, rename or overwrite.');
    }
    out[key] = raw;
  }
  return out as Partial<LibrarySettings>;
}

export function presentExtension(settings: LibrarySettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(EXTENSION_FIELDS)) {
    out[field] = settings[key];
  }
  return out;
}

/** SMH's `Library` data type (core.md §7.4), plus the secret where the caller asked for it. */
export function presentLibrary(library: Library, usage: { size: number; files: number; dirs: number } | null): Record<string, unknown> {
  return {
    LibraryId: library.id,
    Name: library.name,
    Remark: library.remark,
    CreationTime: iso(library.createdAt),
    LibraryExtension: presentExtension(library.settings),
    ...(usage ? { Size: String(usage.size), FileNum: String(usage.files), DirNum: String(usage.dirs) } : {}),
  };
}
