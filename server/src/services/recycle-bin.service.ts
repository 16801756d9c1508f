import { SmhError } from '../errors/smh-error.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { RecycleCursor, RecycledItem, RecycleOrder } from '../stores/meta/recycle-store.js';
import { requireGrant } from './access.js';
import type { Actor, Grant } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import type { Clock } from './deps.js';
import { purgeRecycledItem } from './recycle-purge.js';
import { type RestoreOptions, restoreRecycledItem } from './recycle-restore.js';
import { currentRetentionDays, remainingDays } from './recycle-retention.js';
import { openSpace, type SpaceContext } from './space-context.js';

/** Job kind that purges a space's emptied bin in the background (jobs/empty-recycle-bin.ts). */
export const EMPTY_RECYCLE_BIN_JOB = 'empty-recycle-bin';
/** R9: SMH allows one retention change per space every 10 minutes (SetRecycleLifecycleFrequencyLimit). */
const RETENTION_CHANGE_INTERVAL_MS = 10 * 60_000;
export const MAX_RETENTION_DAYS = 10_000;

export interface RecycledView {
  item: RecycledItem;
  entry: Entry;
  /** whole days before the automatic purge; null = kept until purged */
  remainingDays: number | null;
}

export interface RecycleListing {
  items: RecycledView[];
  nextCursor: RecycleCursor | null;
  total: number;
}

export interface RestoreResult {
  recycledItemId: number;
  path?: string;
  error?: SmhError;
}

/**
 * The recycle bin API (dirs.md §6 R1–R9). Reading needs a token for the space, restoring
 * `restore_recycled`, purging `delete_recycled`, retention `space_admin` (admin and space_admin
 * pass every check). Every call fails with RecycleBinNotEnabled while the library has no bin.
 */
export class RecycleBinService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock; onJobQueued?: () => void }) {}

  private async open(actor: Actor, spaceId: string, mode: 'read' | 'write', grant?: Grant): Promise<SpaceContext> {
    if (actor.kind === 'public') {
      throw new SmhError('EmptyAccessToken', 'The recycle bin needs an access token.');
    }
    const ctx = await openSpace(this.deps.meta, actor, spaceId, mode);
    if (!actor.library.settings.useRecycleBin) {
      throw new SmhError('RecycleBinNotEnabled');
    }
    if (grant) {
      requireGrant(actor, grant);
    }
    return ctx;
  }

  /** R1's `authorityList`: what this caller may do with the items. */
  authority(actor: Actor): { canDelete: boolean; canRestore: boolean } {
    const holds = (grant: Grant) => {
      try {
        requireGrant(actor, grant);
        return true;
      } catch {
        return false;
      }
    };
    return { canDelete: holds('delete_recycled'), canRestore: holds('restore_recycled') };
  }

  /** R1: one page; marker mode pages by keyset, page mode by offset. */
  async list(
    actor: Actor,
    spaceId: string,
    options: { orderBy: RecycleOrder; descending: boolean; offset: number; limit: number; after: RecycleCursor | null },
  ): Promise<RecycleListing> {
    const ctx = await this.open(actor, spaceId, 'read');
    const currentDays = await currentRetentionDays(this.deps.meta, actor.library, ctx.spaceId);
    const rows = await this.deps.meta.recycled.list(ctx.libraryId, ctx.spaceId, {
      ...options,
      limit: options.limit + 1,
      currentRetentionDays: currentDays,
    });
    const now = this.deps.clock.now();
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ item, entry }) => ({ item, entry, remainingDays: remainingDays(item, currentDays, now) })),
      nextCursor: rows.length > options.limit && last ? last.cursor : null,
      total: await this.deps.meta.recycled.count(ctx.libraryId, ctx.spaceId),
    };
  }

  /** R2/R3: one item with its deleted entry. */
  async info(actor: Actor, spaceId: string, itemId: number): Promise<RecycledView> {
    const ctx = await this.open(actor, spaceId, 'read');
    const item = await this.deps.meta.recycled.get(ctx.libraryId, ctx.spaceId, itemId);
    const entry = item ? await this.deps.meta.recycled.rootEntry(item) : null;
    if (!item || !entry) {
      throw new SmhError('RecycledItemNotFound');
    }
    const currentDays = await currentRetentionDays(this.deps.meta, actor.library, ctx.spaceId);
    return { item, entry, remainingDays: remainingDays(item, currentDays, this.deps.clock.now()) };
  }

  /** R4: restores one item; returns its final path. */
  async restore(actor: Actor, spaceId: string, itemId: number, options: RestoreOptions): Promise<string> {
    const ctx = await this.open(actor, spaceId, 'write', 'restore_recycled');
    const { path, unreferenced } = await this.deps.meta.transaction((tx) =>
      restoreRecycledItem(tx, ctx, itemId, options, this.deps.clock.now()),
    );
    await deleteBlobs(this.deps.blob, unreferenced);
    return path;
  }

  /**
   * R5: each item in its own transaction, so one failure (gone, parent missing) does not undo
   * the others; clashes always rename. SMH errors become per-item results, anything else throws.
   */
  async restoreMany(actor: Actor, spaceId: string, itemIds: readonly number[], fallbackToRoot: boolean): Promise<RestoreResult[]> {
    const ctx = await this.open(actor, spaceId, 'write', 'restore_recycled');
    const results: RestoreResult[] = [];
    for (const itemId of itemIds) {
      try {
        const { path } = await this.deps.meta.transaction((tx) =>
          restoreRecycledItem(tx, ctx, itemId, { strategy: 'rename', fallbackToRoot }, this.deps.clock.now()),
        );
        results.push({ recycledItemId: itemId, path });
      } catch (error) {
        if (!(error instanceof SmhError)) {
          throw error;
        }
        results.push({ recycledItemId: itemId, error });
      }
    }
    return results;
  }

  /** R6: purges one item now. */
  async purge(actor: Actor, spaceId: string, itemId: number): Promise<void> {
    const ctx = await this.open(actor, spaceId, 'write', 'delete_recycled');
    const item = await this.deps.meta.recycled.get(ctx.libraryId, ctx.spaceId, itemId);
    if (!item || !(await purgeRecycledItem(this.deps.meta, this.deps.blob, item))) {
      throw new SmhError('RecycledItemNotFound');
    }
  }

  /**
   * R7: purges the listed items of this space; ids that are not (or no longer) in this bin are
   * skipped, so a retried request succeeds. The items are hidden first, in one statement, so a
   * request that dies half-way leaves nothing visible half-purged; the sweep finishes the rest.
   */
  async purgeMany(actor: Actor, spaceId: string, itemIds: readonly number[]): Promise<void> {
    const ctx = await this.open(actor, spaceId, 'write', 'delete_recycled');
    const found: RecycledItem[] = [];
    for (const itemId of new Set(itemIds)) {
      const item = await this.deps.meta.recycled.get(ctx.libraryId, ctx.spaceId, itemId);
      if (item) {
        found.push(item);
      }
    }
    await this.deps.meta.recycled.markPurging(ctx.libraryId, ctx.spaceId, found.map((item) => item.id));
    for (const item of found) {
      await purgeRecycledItem(this.deps.meta, this.deps.blob, item);
    }
  }

  /** R8: every item vanishes at once (one UPDATE); a job frees rows, size and bytes after. */
  async empty(actor: Actor, spaceId: string): Promise<void> {
    const ctx = await this.open(actor, spaceId, 'write', 'delete_recycled');
    const now = this.deps.clock.now();
    const marked = await this.deps.meta.transaction(async (tx) => {
      const count = await tx.recycled.markPurging(ctx.libraryId, ctx.spaceId, null);
      if (count > 0) {
        await tx.jobs.enqueue({ name: EMPTY_RECYCLE_BIN_JOB, payload: { libraryId: ctx.libraryId, spaceId: ctx.spaceId }, libraryId: ctx.libraryId, spaceId: ctx.spaceId, userId: actor.userId }, now);
      }
      return count;
    });
    if (marked > 0) {
      this.deps.onJobQueued?.();
    }
  }

  /** R9: the space's retention override, 1–10000 days, changed at most once per 10 minutes. */
  async setRetention(actor: Actor, spaceId: string, days: unknown): Promise<void> {
    const ctx = await this.open(actor, spaceId, 'write', 'space_admin');
    if (typeof days !== 'number' || !Number.isInteger(days) || days <= 0 || days > MAX_RETENTION_DAYS) {
      throw new SmhError('ParamInvalid', `retentionDays must be an integer with 0 < retentionDays <= ${MAX_RETENTION_DAYS}.`);
    }
    const now = this.deps.clock.now();
    await this.deps.meta.transaction(async (tx) => {
      const previous = await tx.recycled.spaceRetention(ctx.libraryId, ctx.spaceId);
      if (previous && now - previous.updatedAt < RETENTION_CHANGE_INTERVAL_MS) {
        throw new SmhError('SetRecycleLifecycleFrequencyLimit');
      }
      await tx.recycled.setSpaceRetention(ctx.libraryId, ctx.spaceId, days, now);
    });
  }
}
