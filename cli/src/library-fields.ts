/**
 * LibraryExtension fields by JSON type, for `--set` help only. The server's presenter
 * (server/src/http/presenters/library.ts) is the authority and rejects unknown fields, so a
 * field missing here still works.
 */
export const LIBRARY_FIELDS_BY_TYPE: readonly (readonly [string, readonly string[]])[] = [
  [
    'true/false',
    [
      'IsFileLibrary*',
      'IsMultiSpace*',
      'UseRecycleBin',
      'EnableSearch',
      'DenyOnQuotaLessThanUsage',
      'EnableFileHistory',
      'IsPublicRead',
      'IsMultiAlbum*',
      'AllowPhoto',
      'AllowVideo',
      'RecognizeSensitiveContent',
      'EnableQuota*',
    ],
  ],
  [
    'number',
    [
      'AutoRemoveRecycledDays',
      'FileHistoryCount (or null)',
      'FileHistoryExpireDay (or null)',
      'FileHistoryMergeInterval',
      'MaxDirFileNameLength',
      'LibraryQuota (bytes, or null)',
    ],
  ],
  ['comma list', ['AllowPhotoExtName', 'AllowVideoExtName', 'AllowFileExtName']],
  ['text', ['CosStorageClass*', 'DefaultConflictResolutionStrategy (ask, rename, overwrite or null)']],
];
