import { SmhError } from '../../errors/smh-error.js';
import { HashingStream } from '../../lib/hash-stream.js';
import { newBlobKey } from '../../lib/ids.js';
import { contentTypeFor } from '../../lib/mime.js';
import { isSameOrDescendant, toSegments } from '../../lib/smh-path.js';
import type { BlobStore } from '../../stores/blob/blob-store.js';
import type { Job, MetaRepos, MetaStore } from '../../stores/meta/meta-store.js';
import { deleteBlobs } from '../blob-refs.js';
import { type ConflictStrategy, resolveTarget } from '../conflict.js';
import type { Clock } from '../deps.js';
import { newFileEntry } from '../entry-factory.js';
import { dropReplaced } from '../file.service.js';
import type { FileTaskPayload, FileTaskResult } from '../file-task-jobs.js';
import { openSpace, type SpaceContext } from '../space-context.js';
import { restoreActor } from '../task-jobs.js';
import { type ArchiveConfig, archiveLimits, blobSource, requireArchive } from './archive-file.js';
import type { ArchiveItem } from './archive-types.js';
import { discardStaging, ensureDirectories, stagedEntries, stagingSpaceId } from './staging.js';
import { walkArchive } from './walk.js';

export const UNCOMPRESS_JOB = 'uncompress-archive';

export interface UncompressPayload extends FileTaskPayload {
  readonly sourceSpaceId: string;
  readonly path: string;
  /** the archive's content when the task was submitted; a changed file is not extracted */
  readonly blobKey: string;
  readonly targetSpaceId: string;
  readonly targetPath: string;
  readonly strategy: ConflictStrategy;
  /** only these paths (and what is below them); null = everything */
  readonly selected: readonly string[] | null;
}

/** The job row's record: entries before `staged` are in staging; `done` once moved in. */
interface Progress {
  staged: number;
  done?: FileTaskResult;
}

export interface UncompressDeps {
  readonly meta: MetaStore;
  readonly blob: BlobStore;
  readonly clock: Clock;
  readonly limits: ArchiveConfig;
}

class LeaseLostError extends Error {}

/**
 * Uncompress as a crash-safe, idempotent task (docs/architecture.md, "Uncompress"). Entries are
 * extracted into a hidden staging space, each file (bytes written and hashed as they stream,
 * then one transaction) together with the record "entries up to n are staged" in the job row.
 * A re-run resumes after the last recorded entry. When the archive is done, one transaction
 * moves the staged trees into the target directory and records the task's result, so the
 * extraction appears whole or not at all; a failure discards the staging in one transaction.
 */
export async function runUncompress(deps: UncompressDeps, job: Job, payload: UncompressPayload, signal: AbortSignal): Promise<FileTaskResult> {
  const { meta, blob, clock } = deps;
  const workerId = job.lockedBy ?? '';
  const progress = (job.result as Progress | null) ?? { staged: 0 };
  if (progress.done) {
    return progress.done;
  }
  const libraryId = job.libraryId;
  const stagingId = stagingSpaceId(payload.targetSpaceId, job.id);
  const record = async (tx: MetaRepos, next: Progress) => {
    if (!(await tx.jobs.saveProgress(job.id, workerId, next, clock.now()))) {
      throw new LeaseLostError(`job ${job.id} is no longer this worker's`);
    }
  };
  try {
    const actor = await restoreActor(meta, libraryId, payload.actor);
    const target = await openSpace(meta, actor, payload.targetSpaceId, 'write');
    const file = await meta.entries.get(libraryId, payload.sourceSpaceId, payload.path);
    if (!file || file.blobKey !== payload.blobKey) {
      throw new SmhError('FileNotFound', 'The archive was changed or removed before it was uncompressed.');
    }
    const limits = archiveLimits(deps.limits, target.rules.maxNameLength, true);
    let staged = progress.staged;
    const stage = async (item: ArchiveItem, data: NodeJS.ReadableStream | null) => {
      if (item.index < staged || !isSelected(payload.selected, item.path)) {
        return;
      }
      const next = { staged: item.index + 1 };
      if (item.isDir || !data) {
        await meta.transaction(async (tx) => {
          await ensureDirectories(tx, libraryId, stagingId, item.path, actor.userId, clock.now());
          await record(tx, next);
        });
      } else {
        await stageFile(deps, { libraryId, stagingId, target, item, data, signal }, (tx) => record(tx, next));
      }
      staged = next.staged;
    };
    await walkArchive(blobSource(blob, file), requireArchive(file), limits, stage, { withData: true, from: staged, signal });
    const { result, freed } = await meta.transaction(async (tx) => {
      const moved = await moveIn(tx, target, stagingId, payload, clock.now(), deps.limits.archiveMaxEntries);
      await record(tx, { staged, done: moved.result });
      return moved;
    });
    await deleteBlobs(blob, freed);
    return result;
  } catch (error) {
    if (!(error instanceof SmhError)) {
      throw error; // lease lost, shutdown, storage trouble: the job runs again from its record
    }
    const result: FileTaskResult = { status: 400, result: { status: error.status, code: error.code, message: error.message } };
    const freed = await meta.transaction(async (tx) => {
      const unreferenced = await discardStaging(tx, libraryId, payload.targetSpaceId, stagingId, deps.limits.archiveMaxEntries + 1);
      await record(tx, { staged: 0, done: result });
      return unreferenced;
    });
    await deleteBlobs(blob, freed);
    return result;
  }
}

function isSelected(selected: readonly string[] | null, path: string): boolean {
  return selected === null || selected.some((wanted) => isSameOrDescendant(path, wanted) || isSameOrDescendant(wanted, path));
}

interface StageTarget {
  libraryId: string;
  stagingId: string;
  target: SpaceContext;
  item: ArchiveItem;
  data: NodeJS.ReadableStream;
  signal: AbortSignal;
}

/** Bytes first (temp + fsync + rename or S3 put, hashed while streaming), then one transaction. */
async function stageFile(deps: UncompressDeps, at: StageTarget, record: (tx: MetaRepos) => Promise<void>): Promise<void> {
  const { item, target } = at;
  const hasher = await HashingStream.create();
  at.data.on('error', (error: Error) => hasher.destroy(error));
  const blobKey = newBlobKey();
  await deps.blob.put(blobKey, at.data.pipe(hasher), { signal: at.signal });
  const digest = hasher.digest();
  const now = deps.clock.now();
  const name = item.path.slice(item.path.lastIndexOf('/') + 1);
  const parent = item.path.includes('/') ? item.path.slice(0, item.path.lastIndexOf('/')) : '';
  try {
    await deps.meta.transaction(async (tx) => {
      await ensureDirectories(tx, at.libraryId, at.stagingId, parent, target.actor.userId, now);
      await tx.blobs.insert({ key: blobKey, size: digest.size, md5: digest.md5, crc64: digest.crc64, beginningHash: digest.beginningHash, fullHash: digest.fullHash, refCount: 1, createdAt: now });
      const content = { type: 'file' as const, blobKey, size: digest.size, contentType: contentTypeFor(name), crc64: digest.crc64, etag: `"${digest.md5}"` };
      const extra = item.modifiedAt === null ? {} : { localModificationTime: new Date(item.modifiedAt).toISOString() };
      await tx.entries.insert(newFileEntry(at.libraryId, at.stagingId, item.path, target.actor.userId, now, content, extra));
      // Staged bytes count against the target space at once: a full quota stops the task here.
      await tx.spaces.addSize(at.libraryId, target.spaceId, digest.size);
      await record(tx);
    });
  } catch (error) {
    await deps.blob.delete(blobKey).catch(() => undefined);
    throw error;
  }
}

/** The one transaction that makes an extraction visible: each staged top-level entry moves in under its final name. */
async function moveIn(tx: MetaRepos, target: SpaceContext, stagingId: string, payload: UncompressPayload, now: number, maxEntries: number) {
  const { libraryId, spaceId } = target;
  await ensureDirectories(tx, libraryId, spaceId, payload.targetPath, target.actor.userId, now);
  const staged = await stagedEntries(tx, libraryId, stagingId, maxEntries + 1);
  const tops = staged.filter((entry) => entry.parent === '');
  const freed: string[] = [];
  const paths: string[] = [];
  for (const top of tops) {
    const resolved = await resolveTarget(tx, libraryId, spaceId, { parent: payload.targetPath, name: top.name }, payload.strategy, top.type === 'dir');
    freed.push(...(await dropReplaced(tx, target, resolved)));
    await tx.entries.moveTreeToSpace(libraryId, { spaceId: stagingId, path: top.path }, { spaceId, path: resolved.path }, now);
    paths.push(resolved.path);
  }
  await tx.entries.touch(libraryId, spaceId, payload.targetPath, now);
  const files = staged.filter((entry) => entry.type !== 'dir');
  const result: FileTaskResult = {
    status: 200,
    result: {
      status: 200,
      code: 'Success',
      path: toSegments(payload.targetPath),
      paths: paths.map(toSegments),
      fileCount: files.length,
      dirCount: staged.length - files.length,
      size: String(files.reduce((sum, entry) => sum + entry.size, 0)),
    },
  };
  return { result, freed };
}
