/**
 * The only table of SMH business error codes: code → HTTP status → default message.
 * Codes and statuses follow SMH's "Error Codes" page (core.md §6.1) and the official JS SDK's
 * grouping (core.md §6.2). `docs/errors.md` lists the same codes; a test keeps the two in sync.
 */
export const ERROR_CODES = {
  // 400
  BadRequest: [400, 'Bad request.'],
  ParamInvalid: [400, 'A parameter is invalid.'],
  EmptyLibraryIdOrSecret: [400, 'Library id or library secret is empty.'],
  EmptyLibrarySecret: [400, 'Library secret is empty.'],
  EmptyLibraryId: [400, 'Library id is empty.'],
  NotMultiSpaceLibrary: [400, 'The library is not a multi-tenant library.'],
  EmptyAccessToken: [400, 'Access token is empty.'],
  EmptySpaceId: [400, 'Space id is empty.'],
  SpaceIdInvalid: [400, 'Space id is invalid.'],
  EmptyPath: [400, 'Path is empty.'],
  DirectoryNameLengthExceed: [400, 'A directory name is too long.'],
  DirectoryNotAllowed: [400, 'Directories or albums are not allowed in this library.'],
  DirectoryLevelExceed: [400, 'Albums can only be one level deep.'],
  EmptyFileName: [400, 'File name is empty.'],
  FileNameLengthExceed: [400, 'File name is too long.'],
  IllegalFileName: [400, 'The name contains an illegal character.'],
  ExtnameNotAllowed: [400, 'This file extension is not allowed in this library.'],
  UploadToRootDirectoryNotAllowed: [400, 'Uploading to the root directory is not allowed.'],
  CoverNotSupportedInFileLibrary: [400, 'Album covers are not supported in file libraries.'],
  CoverNotSupportedInRootDirectory: [400, 'Album covers are not supported for the root directory.'],
  InvalidSourceDirectory: [400, 'The source directory path is invalid.'],
  InvalidSourceFile: [400, 'The source file path is invalid.'],
  FileTypeNotMatched: [400, 'The target type does not match the source type.'],
  RootDirectoryNotAllowed: [400, 'This operation is not allowed on the root directory.'],
  SourceDirectoryIsParentOfDestination: [400, 'A directory cannot be moved or copied into itself.'],
  InvalidConflictResolutionStrategy: [400, 'Invalid conflict resolution strategy.'],
  InvalidDestinationPath: [400, 'The destination path is invalid.'],
  BadCrc64: [400, 'The CRC64 does not match the uploaded content.'],
  UploadIncomplete: [400, 'The upload has not been completed.'],
  MultipartUploadIncomplete: [400, 'Some parts of the multipart upload are missing.'],
  MultipartUploadPartTooSmall: [400, 'A part other than the last one is smaller than the minimum part size.'],
  EmptyCosUploadId: [400, 'Upload id is empty.'],
  NotMultipartUpload: [400, 'The upload is not a multipart upload.'],
  QuotaLimitReached: [400, 'The quota limit has been reached.'],
  IncompleteBody: [400, 'The request body is incomplete.'],
  TooManyItems: [400, 'Too many items in one request.'],
  NoItemsProvided: [400, 'No items were provided.'],
  InvalidTimeFormat: [400, 'Invalid time format.'],
  OverwriteFileNotAllowed: [400, 'Overwriting files is not allowed.'],
  UnsupportedFileType: [400, 'The operation is not supported for this file type.'],
  MarkerInvalid: [400, 'The marker is invalid.'],
  InvalidPartNumber: [400, 'The part number is invalid.'],
  RecycleBinNotEnabled: [400, 'The recycle bin is not enabled.'],
  // 403
  InvalidAccessToken: [403, 'The access token is invalid or has expired.'],
  AccessTokenNotMatchLibrary: [403, 'The access token does not belong to this library.'],
  AccessTokenNotMatchSpace: [403, 'The access token is not valid for this space.'],
  NoPermission: [403, 'No permission for this operation.'],
  UploadNotBelongYou: [403, 'The upload task belongs to another user.'],
  InvalidSignature: [403, 'The signature is invalid or has expired.'],
  InvalidAdminKey: [403, 'The admin key is missing or wrong.'],
  // 404
  RouteNotFound: [404, 'No such API.'],
  LibraryNotFound: [404, 'The library does not exist.'],
  SpaceNotFound: [404, 'The space does not exist.'],
  WrongLibraryIdOrSecret: [404, 'Wrong library id or library secret.'],
  DirectoryNotFound: [404, 'The directory does not exist.'],
  UploadNotFound: [404, 'The upload task does not exist or has expired.'],
  ConfirmKeyNotFound: [404, 'The confirm key does not exist.'],
  FileNotFound: [404, 'The file does not exist.'],
  PathNotFound: [404, 'The path does not exist.'],
  SourceDirectoryNotFound: [404, 'The source directory does not exist.'],
  SourceFileNotFound: [404, 'The source file does not exist.'],
  MarkerNotFound: [404, 'The marker does not exist.'],
  HistoryNotFound: [404, 'The history version does not exist.'],
  // 409
  SameNameDirectoryOrFileExists: [409, 'A directory or file with the same name already exists.'],
  UploadComplete: [409, 'The upload has already been confirmed.'],
  SpaceNotEmpty: [409, 'The space is not empty.'],
  PathConflict: [409, 'Another operation on the same path is in progress.'],
  RenameTooManyTimes: [409, 'Could not find a free name.'],
  DuplicateSpace: [409, 'A space with this id already exists.'],
  LibraryNotEmpty: [409, 'The library still has spaces in use.'],
  // others
  PreconditionFailed: [412, 'Precondition failed.'],
  RequestEntityTooLarge: [413, 'The request entity is too large.'],
  RangeNotSatisfiable: [416, 'The requested range is not satisfiable.'],
  SensitiveContentRecognized: [451, 'Sensitive content recognized.'],
  ClientDisconnected: [499, 'The client disconnected.'],
  InternalServerError: [500, 'Internal server error.'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code][0];
}
