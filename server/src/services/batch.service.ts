import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { MetaRepos, MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import { type BatchRequest, failureOf, isFailure, type ItemOutcome, runItem } from './batch-items.js';
import type { ConflictStrategy } from './conflict.js';
import type { Clock } from './deps.js';
import type { DirectoryService } from './directory.service.js';
import type { FileService } from './file.service.js';
import { openSpace, type SpaceContext } from './space-context.js';
import { batchJobName, snapshotActor, type TaskJobName, type TaskPayload } from './task-jobs.js';
import { copySourceSpace } from './tree-copy.js';

export interface BatchLimits {
  /** more items than this → a task */
  readonly batchSyncItems: number;
  /** more entries in the trees an operation copies or deletes than this → a task */
  readonly copySyncEntries: number;
}

/** A batch answered at once (200/207) or handed to the queue (202). */
export type Submitted = { readonly outcomes: readonly ItemOutcome[] } | { readonly taskId: number };

/**
 * A job's memory of a batch: what an earlier run recorded, and how to record more. `save` gets
 * `tx` inside an applied item's own transaction, so an item and its record commit together; a
 * failed item changed nothing and is saved afterwards, without `tx`.
 */
export interface BatchProgress {
  readonly done: readonly (ItemOutcome | null | undefined)[];
  save(outcomes: readonly (ItemOutcome | null)[], index: number, tx?: MetaRepos): Promise<void>;
  /** checked between items: a worker shutting down stops early and the job runs again later */
  readonly signal?: AbortSignal;
}

const INTERNAL: ItemOutcome = failureOf(new SmhError('InternalServerError'));

/**
 * Batch delete/copy/move (dirs.md §9) and the directory copies that may turn into tasks (D7, D8).
 * Every item is one call of the single-object operation (FileService / DirectoryService), so each
 * item is one metadata transaction and the rules stay in one place.
 */
export class BatchService {
  constructor(
    private readonly deps: {
      meta: MetaStore;
      clock: Clock;
      files: FileService;
      directories: DirectoryService;
      limits: BatchLimits;
    },
  ) {}

  /** Runs a small batch now; a large one (many items or big trees) becomes a task. */
  async submit(actor: Actor, spaceId: string, request: BatchRequest): Promise<Submitted> {
    await openSpace(this.deps.meta, actor, spaceId, 'write');
    if (request.items.length > this.deps.limits.batchSyncItems || (await this.isLargeTree(actor, spaceId, request))) {
      return { taskId: await this.enqueue(actor, spaceId, batchJobName(request), request) };
    }
    return { outcomes: await this.run(actor, spaceId, request) };
  }

  /**
   * D7/D8: copies a directory now, or as a task when its tree is large. Access and grants are
   * checked before a task is queued; what only the copy itself can find (a name clash, a missing
   * source) then shows in the task's result.
   */
  async copyDirectory(
    actor: Actor,
    spaceId: string,
    rawTarget: string,
    rawFrom: unknown,
    strategy: ConflictStrategy,
    fromSpaceId?: string,
  ): Promise<{ path: string } | { taskId: number }> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    const from = await copySourceSpace(this.deps.meta, ctx, fromSpaceId, ['copy_directory']);
    if (typeof rawFrom === 'string' && (await this.treeSize(from, rawFrom)) > this.deps.limits.copySyncEntries) {
      const request: BatchRequest = { kind: 'copy', items: [{ from: rawFrom, to: rawTarget, strategy, fromSpaceId }] };
      return { taskId: await this.enqueue(actor, spaceId, 'copy-directory', request) };
    }
    return { path: await this.deps.directories.copy(actor, spaceId, rawTarget, rawFrom, strategy, { fromSpaceId }) };
  }

  /**
   * Runs the items in order. Without `progress` (a synchronous request) an unexpected error fails
   * only its item; in a job it stops the run, which the queue retries, skipping recorded items.
   */
  async run(actor: Actor, spaceId: string, request: BatchRequest, progress?: BatchProgress): Promise<ItemOutcome[]> {
    const outcomes = request.items.map((_, index) => progress?.done[index] ?? null);
    for (let index = 0; index < outcomes.length; index += 1) {
      if (outcomes[index]) {
        continue;
      }
      progress?.signal?.throwIfAborted();
      const withThis = (outcome: ItemOutcome) => outcomes.map((other, at) => (at === index ? outcome : other));
      const record = progress && ((tx: MetaRepos, outcome: ItemOutcome) => progress.save(withThis(outcome), index, tx));
      const outcome = await runItem(this.deps, actor, spaceId, request, index, record).catch((error: unknown) => {
        if (progress) {
          throw error;
        }
        return INTERNAL;
      });
      outcomes[index] = outcome;
      if (progress && isFailure(outcome)) {
        await progress.save(outcomes, index);
      }
    }
    return outcomes as ItemOutcome[];
  }

  private async enqueue(actor: Actor, spaceId: string, name: TaskJobName, request: BatchRequest): Promise<number> {
    const payload: TaskPayload = { actor: snapshotActor(actor), request };
    return this.deps.meta.jobs.enqueue(
      { name, payload, libraryId: actor.library.id, spaceId, userId: actor.userId },
      this.deps.clock.now(),
    );
  }

  /** Copies and deletes touch every entry below a directory; moves rewrite a tree in place. */
  private async isLargeTree(actor: Actor, spaceId: string, request: BatchRequest): Promise<boolean> {
    if (request.kind === 'move') {
      return false;
    }
    let total = 0;
    for (const item of request.items) {
      const share = 'fromShare' in item ? item.fromShare : undefined;
      const space = share?.spaceId ?? ('fromSpaceId' in item && item.fromSpaceId !== undefined ? item.fromSpaceId : spaceId);
      total += await this.treeSize({ libraryId: share?.libraryId ?? actor.library.id, spaceId: space }, 'path' in item ? item.path : item.from);
      if (total > this.deps.limits.copySyncEntries) {
        return true;
      }
    }
    return false;
  }

  /** Entries at and below `raw`; 0 for a bad or missing path (the operation reports it). */
  private async treeSize(space: Pick<SpaceContext, 'libraryId' | 'spaceId'>, raw: string): Promise<number> {
    let path: string;
    try {
      path = parseSmhPath(raw, 'dir').path;
    } catch {
      return 0;
    }
    return path === '' ? 0 : this.deps.meta.entries.countTree(space.libraryId, space.spaceId, path);
  }
}
