import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Job, MetaStore } from '../stores/meta/meta-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import { type ArchiveConfig, archiveLimits, blobSource, requireArchive, TAR_SCAN_MAX_BYTES } from './archive/archive-file.js';
import type { ArchiveItem } from './archive/archive-types.js';
import { walkArchive } from './archive/walk.js';
import type { ConflictStrategy } from './conflict.js';
import type { Clock } from './deps.js';
import type { FileTaskResult } from './file-task-jobs.js';
import { FileService } from './file.service.js';
import { openSpace } from './space-context.js';
import { runUncompress, UNCOMPRESS_JOB, type UncompressPayload } from './archive/uncompress-run.js';
import { snapshotActor } from './task-jobs.js';

/** SMH lists at most this many entries in a zip preview (files.md §8.9). */
export const PREVIEW_MAX_ITEMS = 1000;

export interface ArchivePreview {
  /** entries in the archive (files and directories, not counting a `./` root entry) */
  fileNumber: number;
  isTruncated: boolean;
  items: ArchiveItem[];
}

export interface UncompressRequest {
  targetPath: unknown;
  targetSpaceId?: unknown;
  selectedFilePaths?: unknown;
  password?: unknown;
}

/** Zip preview and uncompress (files.md §8.9) for zip, tar and tar.gz files. */
export class ArchiveService {
  private readonly files: FileService;

  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock; limits: ArchiveConfig }) {
    this.files = new FileService(deps);
  }

  /** Lists an archive from its headers (a zip's central directory); inflates nothing. */
  async preview(actor: Actor, spaceId: string, rawPath: string): Promise<ArchivePreview> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const file = await this.files.info(actor, spaceId, rawPath);
    const format = requireArchive(file);
    if (format !== 'zip' && file.size > TAR_SCAN_MAX_BYTES) {
      throw new SmhError('FileUncompressNotAllowed', `tar archives over ${TAR_SCAN_MAX_BYTES} bytes cannot be previewed.`);
    }
    const items: ArchiveItem[] = [];
    let listed = 0;
    await walkArchive(blobSource(this.deps.blob, file), format, archiveLimits(this.deps.limits, ctx.rules.maxNameLength, false), async (item) => {
      listed += 1;
      if (items.length < PREVIEW_MAX_ITEMS) {
        items.push(item);
      }
    }, { withData: false });
    return { fileNumber: listed, isTruncated: listed > items.length, items };
  }

  /**
   * Checks the request and the archive (names, kinds, limits: a zip from its central directory,
   * a tar by reading it once) and queues the extraction; nothing is created before the task runs.
   */
  async startUncompress(actor: Actor, spaceId: string, rawPath: string, body: UncompressRequest, strategy: ConflictStrategy): Promise<number> {
    requireGrant(actor, ...(strategy === 'overwrite' ? (['upload_file_force'] as const) : (['upload_file', 'upload_file_force'] as const)));
    const source = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const file = await this.files.info(actor, spaceId, rawPath);
    const format = requireArchive(file);
    if (typeof body.password === 'string' && body.password !== '') {
      throw new SmhError('FileUncompressNotAllowed', 'Password-protected archives are not supported.');
    }
    const targetSpaceId = body.targetSpaceId === undefined || body.targetSpaceId === '' ? spaceId : body.targetSpaceId;
    if (typeof targetSpaceId !== 'string') {
      throw new SmhError('ParamInvalid', 'targetSpaceId must be a string.');
    }
    const target = targetSpaceId === spaceId ? source : await openSpace(this.deps.meta, actor, targetSpaceId, 'write');
    if (!target.rules.isFileLibrary) {
      throw new SmhError('FileUncompressNotAllowed', 'Archives can only be uncompressed in file libraries.');
    }
    if (typeof body.targetPath !== 'string') {
      throw new SmhError('InvalidDestinationPath', 'targetPath (the directory to extract into) is required.');
    }
    const targetPath = parseSmhPath(body.targetPath, 'dir', target.rules.maxNameLength).path;
    const selected = parseSelected(body.selectedFilePaths, target.rules.maxNameLength);
    if (format === 'zip' || file.size <= TAR_SCAN_MAX_BYTES) {
      // Refuse bad archives in the response; a big tar is checked by the task, before it extracts.
      await walkArchive(blobSource(this.deps.blob, file), format, archiveLimits(this.deps.limits, target.rules.maxNameLength, true), async () => undefined, { withData: false });
    }
    const payload: UncompressPayload = {
      actor: snapshotActor(actor),
      sourceSpaceId: spaceId,
      path: file.path,
      blobKey: file.blobKey as string,
      targetSpaceId,
      targetPath,
      strategy,
      selected,
    };
    return this.deps.meta.jobs.enqueue({ name: UNCOMPRESS_JOB, payload, libraryId: source.libraryId, spaceId, userId: actor.userId }, this.deps.clock.now());
  }

  run(job: Job, payload: UncompressPayload, signal: AbortSignal): Promise<FileTaskResult> {
    return runUncompress(this.deps, job, payload, signal);
  }
}

function parseSelected(raw: unknown, maxNameLength: number): string[] | null {
  if (raw === undefined || raw === null) {
    return null;
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((item) => typeof item !== 'string')) {
    throw new SmhError('ParamInvalid', 'selectedFilePaths must be a non-empty list of paths inside the archive.');
  }
  return (raw as string[]).map((item) => parseSmhPath(item, 'file', maxNameLength).path).filter((path) => path !== '');
}
