/** SMH wire shapes the client reads (files.md, dirs.md). Fields SMH sends as strings stay strings. */

export type ConflictStrategy = 'ask' | 'rename' | 'overwrite';

/** A directory entry as listings and `?info` return it (dirs.md §4). */
export interface Entry {
  name: string;
  type: 'dir' | 'file' | 'image' | 'video' | 'symlink' | 'virtual' | string;
  path?: string[];
  inode?: string;
  creationTime: string;
  modificationTime: string;
  contentType?: string;
  /** bytes, as a decimal string */
  size?: string;
  eTag?: string;
  crc64?: string;
  versionId?: number | null;
  metaData?: Record<string, string>;
  labels?: string[];
  category?: string;
  fileType?: string;
  [field: string]: unknown;
}

/** The file object a confirm or an instant upload answers with (files.md §6.8). */
export interface FileObject extends Entry {
  path: string[];
  isOverwritten?: boolean;
}

export interface ListPage {
  path: string[];
  nextMarker?: string | number;
  contents: Entry[];
  eTag?: string;
  fileCount?: number;
  subDirCount?: number;
  totalNum?: number;
}

/** Where upload bytes go (files.md §6.1, §6.2). */
export interface UploadTarget {
  domain: string;
  path: string;
  headers: Record<string, string>;
  confirmKey: string;
  expiration: string;
  availableDomainNum?: number;
  uploadId?: string;
}

export interface UploadPartInfo {
  PartNumber: number;
  LastModified: string;
  ETag: string;
  Size: number;
}

/** GET {confirmKey}?upload (files.md §6.5). */
export interface UploadState {
  confirmed: boolean;
  path: string[] | null;
  type: string;
  creationTime: string;
  conflictResolutionStrategy: ConflictStrategy;
  force: boolean;
  uploadId?: string;
  parts?: UploadPartInfo[];
  uploadPartInfo?: Omit<UploadTarget, 'confirmKey'>;
}

/** `?info` of a file: details plus a signed download URL (files.md §7.3). */
export interface FileInfo extends Entry {
  cosUrl?: string;
  cosUrlExpiration?: string;
}

/** T1 element (dirs.md §7). */
export interface TaskStatus {
  taskId: number;
  status: number;
  result?: unknown;
  [field: string]: unknown;
}

export interface RecycledItem {
  recycledItemId: number;
  name: string;
  originalPath: string[];
  type: string;
  removalTime: string;
  [field: string]: unknown;
}

export interface VersionItem {
  id?: number;
  name: string;
  size?: string;
  crc64?: string;
  eTag?: string;
  creationTime?: string;
  isLatestVersion?: boolean;
  [field: string]: unknown;
}

/** What a transfer reports as it goes. `phase` tells hashing (instant-upload probe) from sending. */
export interface TransferProgress {
  direction: 'upload' | 'download';
  path: string;
  phase: 'hash' | 'transfer' | 'done';
  /** bytes handled so far in this phase, counting bytes skipped because they were already there */
  loaded: number;
  total: number;
  /** bytes that did not need to travel (parts finished before a resume, a partial download, instant upload) */
  skipped: number;
}

export type ProgressListener = (event: TransferProgress) => void;
