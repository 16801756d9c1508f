import type { FileKind } from '../lib/file-kinds.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { RecentAction, RecentCursor, RecentItem } from '../stores/meta/recent-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { openSpace } from './space-context.js';

export interface RecentFilter {
  action: RecentAction | null;
  kinds: FileKind[];
  extensions: string[];
  after: RecentCursor | null;
  limit: number;
}

export interface RecentListing {
  items: RecentItem[];
  nextCursor: RecentCursor | null;
}

/**
 * Recently used files (files.md §7.8, dirs.md §5 D16): per user and space, newest first, one
 * row per (file, action). Recording sits on the download path, so it is a single upsert.
 */
export class RecentService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  /** Called on every download; only `purpose=preview` counts, and anonymous callers have no list. */
  async recordDownload(actor: Actor, entry: Entry, purpose: string | undefined): Promise<void> {
    if (purpose !== 'preview' || actor.kind === 'public') {
      return;
    }
    await this.deps.meta.recent.record({
      libraryId: entry.libraryId,
      spaceId: entry.spaceId,
      userId: actor.userId,
      entryId: entry.id,
      action: 'preview',
      operatedAt: this.deps.clock.now(),
    });
  }

  /** The caller's list; SMH allows it to admin and space_admin tokens only. */
  async list(actor: Actor, spaceId: string, filter: RecentFilter): Promise<RecentListing> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    requireGrant(actor, 'space_admin');
    const rows = await this.deps.meta.recent.list(ctx.libraryId, ctx.spaceId, actor.userId, { ...filter, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > filter.limit && last ? { operatedAt: last.use.operatedAt, entryId: last.use.entryId, action: last.use.action } : null,
    };
  }
}
