/**
 * @opensmh/client: a typed client for OpenSMH and SMH's business API that runs in browsers and
 * Node 20 alike (fetch, Web Streams, Blob and crypto.subtle only; Node-only helpers are in
 * `@opensmh/client/node`).
 */
import { SmhCore } from './client.js';
import { type DownloadOptions, type DownloadSink, downloadBytes, downloadTo } from './download.js';
import * as extras from './extras.js';
import { queryTasks } from './tasks.js';
import type { UploadSource } from './source.js';
import { cancelUpload, upload, type UploadOptions, uploadState } from './upload.js';
import type { ConflictStrategy } from './types.js';

export class OpenSmhClient extends SmhCore {
  /** The same client for another space of the library. */
  withSpace(spaceId: string): OpenSmhClient {
    return new OpenSmhClient({ ...this.options, spaceId });
  }

  upload(path: string, source: UploadSource | Uint8Array | string | Blob, options?: UploadOptions) {
    return upload(this, path, source, options);
  }
  uploadState(confirmKey: string, signal?: AbortSignal) {
    return uploadState(this, confirmKey, signal);
  }
  cancelUpload(confirmKey: string) {
    return cancelUpload(this, confirmKey);
  }
  downloadTo(path: string, sink: DownloadSink, options?: DownloadOptions) {
    return downloadTo(this, path, sink, options);
  }
  downloadBytes(path: string, options?: DownloadOptions) {
    return downloadBytes(this, path, options);
  }
  listRecycled(options?: { signal?: AbortSignal }) {
    return extras.listRecycled(this, options);
  }
  restoreRecycled(id: number, options?: { strategy?: ConflictStrategy; fallbackToRoot?: boolean }) {
    return extras.restoreRecycled(this, id, options);
  }
  purgeRecycled(id: number) {
    return extras.purgeRecycled(this, id);
  }
  emptyRecycleBin() {
    return extras.emptyRecycleBin(this);
  }
  listVersions(path: string, options?: { signal?: AbortSignal }) {
    return extras.listVersions(this, path, options);
  }
  restoreVersion(historyId: number) {
    return extras.restoreVersion(this, historyId);
  }
  deleteVersions(historyIds: readonly number[]) {
    return extras.deleteVersions(this, historyIds);
  }
  search(query: extras.SearchQuery, options?: { signal?: AbortSignal }) {
    return extras.search(this, query, options);
  }
  batch(action: extras.BatchAction, items: readonly Record<string, unknown>[], options?: { signal?: AbortSignal }) {
    return extras.batch(this, action, items, options);
  }
  queryTasks(taskIds: readonly number[], signal?: AbortSignal) {
    return queryTasks(this, taskIds, signal);
  }
}

export type { ClientOptions, ListOptions } from './client.js';
export { joinPath, splitPath } from './client.js';
export { Crc64, combineCrc64, crc64, joinCrc64, sameCrc64 } from './crc64.js';
export type { DownloadOptions, DownloadResult, DownloadSink } from './download.js';
export { RemoteChangedError } from './download.js';
export { Crc64MismatchError, NetworkError, OpenSmhError, SmhApiError, TaskFailedError } from './errors.js';
export type { BatchAction, SearchQuery } from './extras.js';
export { beginningHash, fullHash } from './quick-hash.js';
export { memoryResumeStore, type ResumeState, type ResumeStore, webStorageResumeStore } from './resume.js';
export { blobSource, bytesSource, type UploadSource } from './source.js';
export { deleteToken, type MintOptions, mintToken, renewToken, type TokenGrant } from './tokens.js';
export type * from './types.js';
export type { UploadOptions, UploadResult } from './upload.js';
