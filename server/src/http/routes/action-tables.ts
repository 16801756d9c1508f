import type { UploadKind } from '../../stores/meta/meta-store.js';
import type { Services } from '../services.js';
import { type ActionTable, FOREIGN_FLAGS } from './action-dispatch.js';
import { calibrateDirectoryStats } from './directory/calibrate-directory-stats.js';
import { directoryInfo, headDirectory } from './directory/directory-info.js';
import { directoryStats } from './directory/directory-stats.js';
import { listDirectory } from './directory/list-directory.js';
import { copyDirectory, createDirectory, deleteDirectory, moveDirectory, updateEntry } from './directory/modify-directory.js';
import { createSymlink } from './file/create-symlink.js';
import { createVirtualFile } from './file/create-virtual-file.js';
import { downloadFile, fileInfo, headFile } from './file/download.js';
import { copyFile, deleteFile, moveFile } from './file/modify-file.js';
import { previewFile } from './file/preview.js';
import { confirmUpload } from './file/upload-confirm.js';
import { initiateUpload } from './file/upload-initiate.js';
import { cancelUpload, renewUpload, uploadStatus } from './file/upload-task.js';
import { uncompressFile } from './file/uncompress.js';
import { zipPreview } from './file/zip-preview.js';
import type { SpaceRequest } from './params.js';

/**
 * The dispatch tables of SMH's shared paths: one row per operation, `handler: null` until it is
 * implemented (the row then answers 501 NotImplemented, never another operation). To add an
 * operation, point its row's `handler` at the route function; nothing else needs to change.
 */

function upload(kind: UploadKind) {
  return (services: Services, input: SpaceRequest) => initiateUpload(services, input, kind);
}

/** `/api/v1/file/{L}/{S}/{X}` — files.md §2.1. */
export const FILE_ACTIONS: ActionTable = {
  name: '/api/v1/file',
  foreignFlags: FOREIGN_FLAGS,
  routes: [
    { method: 'PUT', flag: 'virtual_file', operation: 'CreateVirtualFile', handler: createVirtualFile },
    { method: 'PUT', flag: 'convert', operation: 'ConvertFile', handler: null, ownBodyKeys: ['convertFrom'] },
    { method: 'PUT', flag: null, bodyKey: 'from', operation: 'MoveFile', handler: moveFile },
    { method: 'PUT', flag: null, bodyKey: 'copyFrom', operation: 'CopyFile', handler: copyFile },
    { method: 'PUT', flag: null, bodyKey: 'linkTo', operation: 'CreateSymlink', handler: createSymlink },
    { method: 'PUT', flag: null, bodyKey: 'fromTemplate', operation: 'CreateFileFromTemplate', handler: null },
    { method: 'PUT', flag: null, operation: 'InitiateSimpleUpload', handler: upload('simple') },
    { method: 'POST', flag: 'multipart', operation: 'InitiateMultipartUpload', handler: upload('multipart') },
    { method: 'POST', flag: 'confirm', operation: 'ConfirmUpload', handler: confirmUpload },
    { method: 'POST', flag: 'renew', operation: 'RenewMultipartUpload', handler: renewUpload },
    {
      method: 'POST', flag: 'uncompress', operation: 'UncompressFile', handler: uncompressFile,
      ownBodyKeys: ['targetPath', 'targetSpaceId', 'selectedFilePaths'],
    },
    { method: 'POST', flag: null, operation: 'InitiateFormUpload', handler: upload('form') },
    { method: 'GET', flag: 'info', operation: 'GetFileInfo', handler: fileInfo },
    { method: 'GET', flag: 'preview', operation: 'PreviewFile', handler: previewFile },
    { method: 'GET', flag: 'upload', operation: 'GetUploadTask', handler: uploadStatus },
    { method: 'GET', flag: 'zip-preview', operation: 'ZipPreview', handler: zipPreview },
    { method: 'GET', flag: 'transcoding_template_id', operation: 'DownloadTranscodedVideo', handler: null },
    { method: 'GET', flag: null, operation: 'DownloadFile', handler: downloadFile },
    { method: 'HEAD', flag: null, operation: 'CheckFileStatus', handler: headFile },
    { method: 'DELETE', flag: 'upload', operation: 'CancelUpload', handler: cancelUpload },
    { method: 'DELETE', flag: null, operation: 'DeleteFile', handler: deleteFile },
  ],
};

/** `/api/v1/directory/{L}/{S}[/{P}]` — dirs.md §1 D1–D12 (and files.md §8.8 `?update`). */
export const DIRECTORY_ACTIONS: ActionTable = {
  name: '/api/v1/directory',
  foreignFlags: FOREIGN_FLAGS,
  routes: [
    {
      method: 'PUT', flag: 'calibrate', operation: 'CalibrateDirectoryStats', handler: calibrateDirectoryStats,
      params: ['stats_type', 'recycled_id'],
    },
    { method: 'PUT', flag: null, bodyKey: 'from', operation: 'MoveDirectory', handler: moveDirectory },
    { method: 'PUT', flag: null, bodyKey: 'copyFrom', operation: 'CopyDirectory', handler: copyDirectory },
    { method: 'PUT', flag: null, operation: 'CreateDirectory', handler: createDirectory },
    { method: 'GET', flag: 'info', operation: 'GetDirectoryInfo', handler: directoryInfo },
    { method: 'GET', flag: 'stats', operation: 'GetDirectoryStats', handler: directoryStats, params: ['stats_type', 'recycled_id'] },
    { method: 'GET', flag: null, operation: 'ListDirectory', handler: listDirectory },
    { method: 'HEAD', flag: null, operation: 'CheckDirectory', handler: headDirectory },
    { method: 'DELETE', flag: null, operation: 'DeleteDirectory', handler: deleteDirectory },
    { method: 'POST', flag: 'update', operation: 'UpdateLabelsAndMetadata', handler: updateEntry },
  ],
};
