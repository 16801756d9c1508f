import { SmhError } from '../errors/smh-error.js';

/**
 * A library's settings: SMH's LibraryExtension (core.md §7.4) plus OpenSMH's own
 * `defaultConflictResolutionStrategy`. Stored as JSON in the library row.
 */
export interface LibrarySettings {
  isFileLibrary: boolean;
  isMultiSpace: boolean;
  cosStorageClass: string;
  useRecycleBin: boolean;
  autoRemoveRecycledDays: number;
  enableSearch: boolean;
  denyOnQuotaLessThanUsage: boolean;
  enableFileHistory: boolean;
  fileHistoryCount: number | null;
  fileHistoryExpireDay: number | null;
  fileHistoryMergeInterval: number;
  maxDirFileNameLength: number;
  isPublicRead: boolean;
  isMultiAlbum: boolean;
  allowPhoto: boolean;
  allowPhotoExtName: string[];
  allowVideo: boolean;
  allowVideoExtName: string[];
  allowFileExtName: string[];
  recognizeSensitiveContent: boolean;
  enableQuota: boolean;
  libraryQuota: number | null;
  /** OpenSMH extension: overrides SMH's per-endpoint default strategy when a request names none */
  defaultConflictResolutionStrategy: 'ask' | 'rename' | 'overwrite' | null;
}

export const DEFAULT_SETTINGS: LibrarySettings = {
  isFileLibrary: false,
  isMultiSpace: false,
  cosStorageClass: 'STANDARD',
  useRecycleBin: false,
  autoRemoveRecycledDays: 0,
  enableSearch: false,
  denyOnQuotaLessThanUsage: false,
  enableFileHistory: false,
  fileHistoryCount: null,
  fileHistoryExpireDay: null,
  fileHistoryMergeInterval: 0,
  maxDirFileNameLength: 255,
  isPublicRead: false,
  isMultiAlbum: false,
  allowPhoto: true,
  allowPhotoExtName: [],
  allowVideo: true,
  allowVideoExtName: [],
  allowFileExtName: [],
  recognizeSensitiveContent: false,
  enableQuota: false,
  libraryQuota: null,
  defaultConflictResolutionStrategy: null,
};

/** Fields fixed at creation (core.md §7.4 "Mutable: no"). */
export const IMMUTABLE_SETTINGS: readonly (keyof LibrarySettings)[] = [
  'isFileLibrary',
  'isMultiSpace',
  'cosStorageClass',
  'isMultiAlbum',
  'enableQuota',
];

const STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'INTELLIGENT_TIERING',
  'MAZ_STANDARD',
  'MAZ_STANDARD_IA',
  'MAZ_INTELLIGENT_TIERING',
];

function invalid(field: string, why: string): SmhError {
  return new SmhError('ParamInvalid', `LibraryExtension.${field} ${why}`);
}

function checkInt(value: number | null, field: string, min: number, max: number): void {
  if (value !== null && (!Number.isInteger(value) || value < min || value > max)) {
    throw invalid(field, `must be an integer between ${min} and ${max}`);
  }
}

/** Validates a complete settings object; throws ParamInvalid naming the first bad field. */
export function validateSettings(settings: LibrarySettings): LibrarySettings {
  if (!STORAGE_CLASSES.includes(settings.cosStorageClass)) {
    throw invalid('CosStorageClass', `must be one of ${STORAGE_CLASSES.join(', ')}`);
  }
  checkInt(settings.autoRemoveRecycledDays, 'AutoRemoveRecycledDays', 0, 1095);
  checkInt(settings.fileHistoryCount, 'FileHistoryCount', 1, 999);
  checkInt(settings.fileHistoryExpireDay, 'FileHistoryExpireDay', 0, 999);
  if (settings.fileHistoryMergeInterval !== 0) {
    checkInt(settings.fileHistoryMergeInterval, 'FileHistoryMergeInterval', 5, 600);
  }
  checkInt(settings.maxDirFileNameLength, 'MaxDirFileNameLength', 1, 255);
  checkInt(settings.libraryQuota, 'LibraryQuota', 1, Number.MAX_SAFE_INTEGER);
  if (settings.enableQuota && settings.libraryQuota === null) {
    throw invalid('LibraryQuota', 'is required when EnableQuota is true');
  }
  if (settings.enableQuota && !settings.isMultiSpace) {
    throw invalid('EnableQuota', 'is only allowed for multi-tenant libraries');
  }
  if (settings.enableFileHistory && (settings.fileHistoryCount === null || settings.fileHistoryExpireDay === null)) {
    throw invalid('FileHistoryCount', 'and FileHistoryExpireDay are required when EnableFileHistory is true');
  }
  if (settings.isMultiAlbum && settings.isFileLibrary) {
    throw invalid('IsMultiAlbum', 'is only allowed for media (album) libraries');
  }
  for (const field of ['allowPhotoExtName', 'allowVideoExtName', 'allowFileExtName'] as const) {
    for (const ext of settings[field]) {
      if (!/^\.[A-Za-z0-9_-]{1,16}$/.test(ext)) {
        throw invalid(field.charAt(0).toUpperCase() + field.slice(1), `has an invalid extension "${ext}"`);
      }
    }
  }
  return settings;
}
