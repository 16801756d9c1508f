import { createHash, randomBytes } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { SearchCursor, SearchQuery, SearchTask } from '../stores/meta/search-store.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { type Aggregation, Aggregator } from './search-aggregate.js';
import { openSpace, type SpaceContext } from './space-context.js';

/** SMH pages search results by 20 (dirs.md §8 S1). */
export const SEARCH_PAGE_SIZE = 20;
/** S5 walks its matches in pages of this size. */
const STATS_PAGE_SIZE = 1000;
/** How long a search task can be continued; clients delete it earlier when they leave (S3). */
const SEARCH_TTL_MS = 24 * 3600 * 1000;

export interface SearchPage {
  searchId: string;
  entries: Entry[];
  /** results handed out before the next page, or null on the last page */
  nextMarker: number | null;
}

/**
 * Search tasks (dirs.md §8 S1–S3). A task is its stored criteria; each page is one indexed,
 * keyset-paged query, so nothing is precomputed and any API node can continue any task.
 * Markers are the integer offsets SMH hands out; each maps to the keyset of its page's start.
 */
export class SearchService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  private async open(actor: Actor, spaceId: string): Promise<SpaceContext> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    if (!actor.library.settings.enableSearch) {
      throw new SmhError('SearchNotEnabled');
    }
    return ctx;
  }

  private async scope(ctx: SpaceContext, raw: string): Promise<string> {
    const scope = parseSmhPath(raw, 'dir', ctx.rules.maxNameLength).path;
    if (scope !== '') {
      const directory = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, scope);
      if (!directory || directory.type !== 'dir') {
        throw new SmhError('DirectoryNotFound', 'The search scope is not a directory.');
      }
    }
    return scope;
  }

  /** S1: stores the task and returns its first page. `criteria.scope` is the raw path. */
  async start(actor: Actor, spaceId: string, criteria: SearchQuery): Promise<SearchPage> {
    const ctx = await this.open(actor, spaceId);
    const scope = await this.scope(ctx, criteria.scope);
    const now = this.deps.clock.now();
    const task: SearchTask = {
      id: randomBytes(18).toString('base64url'),
      libraryId: ctx.libraryId,
      spaceId: ctx.spaceId,
      userId: actor.userId,
      query: { ...criteria, scope },
      createdAt: now,
      expiresAt: now + SEARCH_TTL_MS,
    };
    await this.deps.meta.searches.insert(task);
    return this.page(task, 0, null);
  }

  /** S2: the page that starts at `marker` (a previous nextMarker). */
  async continue(actor: Actor, spaceId: string, searchId: string, marker: number): Promise<SearchPage> {
    const task = await this.task(actor, spaceId, searchId);
    if (marker === 0) {
      return this.page(task, 0, null);
    }
    const cursor = await this.deps.meta.searches.getMarker(task.id, marker);
    if (!cursor) {
      throw new SmhError('MarkerInvalid', 'The marker was not handed out by this search.');
    }
    return this.page(task, marker, cursor);
  }

  /**
   * S4: one stateless page. The marker is opaque: the keyset of the last hit plus a digest of
   * the criteria, so a marker is refused with criteria other than those that produced it.
   */
  async indexSearch(
    actor: Actor,
    spaceId: string,
    criteria: SearchQuery,
    marker: string | null,
    limit: number,
  ): Promise<{ entries: Entry[]; nextMarker: string }> {
    const ctx = await this.open(actor, spaceId);
    const query = { ...criteria, scope: await this.scope(ctx, criteria.scope) };
    const digest = createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
    let after: SearchCursor | null = null;
    if (marker) {
      const decoded = decodeIndexMarker(marker);
      if (!decoded || decoded.h !== digest) {
        throw new SmhError('MarkerInvalid', 'The marker does not belong to this search.');
      }
      after = decoded.c;
    }
    const hits = await this.deps.meta.searches.find(ctx.libraryId, ctx.spaceId, query, after, limit + 1);
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    const nextMarker = hits.length > limit && last ? Buffer.from(JSON.stringify({ c: last.cursor, h: digest })).toString('base64url') : '';
    return { entries: page.map((hit) => hit.entry), nextMarker };
  }

  /** S5: aggregates every match, walked in keyset pages so memory holds only the aggregates. */
  async indexStats(actor: Actor, spaceId: string, criteria: SearchQuery, aggregations: Aggregation[]) {
    const ctx = await this.open(actor, spaceId);
    const query: SearchQuery = { ...criteria, scope: await this.scope(ctx, criteria.scope), orderBy: 'name', descending: false };
    const aggregator = new Aggregator(aggregations);
    let after: SearchCursor | null = null;
    for (;;) {
      const hits = await this.deps.meta.searches.find(ctx.libraryId, ctx.spaceId, query, after, STATS_PAGE_SIZE);
      hits.forEach((hit) => aggregator.add(hit.entry));
      const last = hits[hits.length - 1];
      if (hits.length < STATS_PAGE_SIZE || !last) {
        return aggregator.result();
      }
      after = last.cursor;
    }
  }

  /** S3. */
  async delete(actor: Actor, spaceId: string, searchId: string): Promise<void> {
    const task = await this.task(actor, spaceId, searchId);
    await this.deps.meta.searches.delete(task.id);
  }

  /** Forgets expired tasks (a periodic sweep). */
  async sweep(): Promise<number> {
    return this.deps.meta.searches.deleteExpired(this.deps.clock.now());
  }

  /** The caller's own, unexpired task in this space; anything else looks like an unknown id. */
  private async task(actor: Actor, spaceId: string, searchId: string): Promise<SearchTask> {
    const ctx = await this.open(actor, spaceId);
    const task = searchId === '' ? null : await this.deps.meta.searches.get(searchId);
    if (
      !task ||
      task.libraryId !== ctx.libraryId ||
      task.spaceId !== ctx.spaceId ||
      task.userId !== actor.userId ||
      task.expiresAt <= this.deps.clock.now()
    ) {
      throw new SmhError('SearchIdInvalid');
    }
    return task;
  }

  private async page(task: SearchTask, marker: number, after: SearchCursor | null): Promise<SearchPage> {
    // One extra row tells whether another page follows, without counting.
    const hits = await this.deps.meta.searches.find(task.libraryId, task.spaceId, task.query, after, SEARCH_PAGE_SIZE + 1);
    const page = hits.slice(0, SEARCH_PAGE_SIZE);
    const last = page[page.length - 1];
    let nextMarker: number | null = null;
    if (hits.length > SEARCH_PAGE_SIZE && last) {
      nextMarker = marker + page.length;
      await this.deps.meta.searches.saveMarker(task.id, nextMarker, last.cursor);
    }
    return { searchId: task.id, entries: page.map((hit) => hit.entry), nextMarker };
  }
}

function decodeIndexMarker(marker: string): { c: SearchCursor; h: string } | null {
  try {
    const value = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as { c?: SearchCursor; h?: unknown };
    const cursor = value.c;
    if (!cursor || typeof value.h !== 'string' || typeof cursor.id !== 'string' || typeof cursor.rank !== 'number') {
      return null;
    }
    if (typeof cursor.key !== 'string' && typeof cursor.key !== 'number') {
      return null;
    }
    return { c: { key: cursor.key, rank: cursor.rank, id: cursor.id }, h: value.h };
  } catch {
    return null;
  }
}
