import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { FavoriteCursor, FavoriteItem } from '../stores/meta/favorite-store.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { openSpace, type SpaceContext } from './space-context.js';

/** F1/F2 name the entry by path or by inode; `inode` wins when both are given (dirs.md §10). */
export interface EntryRef {
  path?: string;
  inode?: string;
}

export interface FavoriteListing {
  items: FavoriteItem[];
  /** where the next page starts (marker mode), null on the last page */
  nextCursor: FavoriteCursor | null;
  /** page mode only */
  total: number | null;
}

/**
 * Favorites (dirs.md §10): per user (the token's user id) and per space, pointing at entry
 * ids so they survive renames and moves. Favoriting needs an identity, so public callers are
 * refused; otherwise read access to the space is enough.
 */
export class FavoriteService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  private async open(actor: Actor, spaceId: string): Promise<SpaceContext> {
    if (actor.kind === 'public') {
      throw new SmhError('EmptyAccessToken', 'Favorites belong to a user; an access token is needed.');
    }
    return openSpace(this.deps.meta, actor, spaceId, 'read');
  }

  private async resolve(ctx: SpaceContext, ref: EntryRef): Promise<Entry> {
    if (ref.inode !== undefined) {
      const entry = await this.deps.meta.entries.getById(ref.inode);
      if (!entry || entry.libraryId !== ctx.libraryId || entry.spaceId !== ctx.spaceId || entry.path === '') {
        throw new SmhError('PathNotFound', 'No file or directory has this inode in the space.');
      }
      return entry;
    }
    const path = parseSmhPath(ref.path ?? '', 'file', ctx.rules.maxNameLength);
    if (path.path === '') {
      throw new SmhError('EmptyPath');
    }
    const entry = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!entry) {
      throw new SmhError('PathNotFound');
    }
    return entry;
  }

  /** F1: returns the new favorite's id and the entry it points at. */
  async add(actor: Actor, spaceId: string, ref: EntryRef): Promise<{ id: number; entry: Entry }> {
    const ctx = await this.open(actor, spaceId);
    const entry = await this.resolve(ctx, ref);
    const favorite = await this.deps.meta.favorites.insert({
      libraryId: ctx.libraryId,
      spaceId: ctx.spaceId,
      userId: actor.userId,
      entryId: entry.id,
      createdAt: this.deps.clock.now(),
    });
    if (!favorite) {
      throw new SmhError('DuplicateFavoriteRecord');
    }
    return { id: favorite.id, entry };
  }

  /** F2: by inode even when the entry is gone, so stale favorites can still be removed. */
  async cancel(actor: Actor, spaceId: string, ref: EntryRef): Promise<void> {
    const ctx = await this.open(actor, spaceId);
    const entryId = ref.inode ?? (await this.resolve(ctx, ref)).id;
    if (!(await this.deps.meta.favorites.delete(ctx.libraryId, ctx.spaceId, actor.userId, entryId))) {
      throw new SmhError('FavoriteIdNotFound');
    }
  }

  /** F3: newest first by default; marker mode pages by keyset, page mode by offset. */
  async list(
    actor: Actor,
    spaceId: string,
    options: { descending: boolean; limit: number; offset: number; after: FavoriteCursor | null; withTotal: boolean },
  ): Promise<FavoriteListing> {
    const ctx = await this.open(actor, spaceId);
    const rows = await this.deps.meta.favorites.list(ctx.libraryId, ctx.spaceId, actor.userId, { ...options, limit: options.limit + 1 });
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > options.limit && last ? { createdAt: last.favorite.createdAt, id: last.favorite.id } : null;
    const total = options.withTotal ? await this.deps.meta.favorites.count(ctx.libraryId, ctx.spaceId, actor.userId) : null;
    return { items, nextCursor, total };
  }

  /**
   * Which of `entries` the caller has favorited, for `with_favorite_status=1`. Callers have
   * already authorised the listing the entries come from, so this is one query, no checks.
   */
  async favoritedAmong(actor: Actor, spaceId: string, entries: readonly Entry[]): Promise<Set<string>> {
    if (actor.kind === 'public' || entries.length === 0) {
      return new Set();
    }
    const ids = entries.map((entry) => entry.id);
    return this.deps.meta.favorites.favoritedAmong(actor.library.id, spaceId, actor.userId, ids);
  }
}
