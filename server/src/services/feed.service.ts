import { SmhError } from '../errors/smh-error.js';
import type { FeedEvent } from '../stores/meta/feed-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { openSpace } from './space-context.js';

/** delta's page size: SMH's default 100, at most 1000 (files.md §8.9). */
export const DELTA_DEFAULT_LIMIT = 100;
export const DELTA_MAX_LIMIT = 1000;
const DAY_MS = 24 * 3600 * 1000;
/** spaces whose old events one sweep pass drops */
const SWEEP_SPACES = 1000;

interface CursorValue {
  l: string;
  s: string;
  /** the space's creation time: a space deleted and created again is another feed */
  e: number;
  q: number;
}

function encode(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(cursor: string): CursorValue {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorValue>;
    if (typeof value.l === 'string' && typeof value.s === 'string' && Number.isSafeInteger(value.e) && Number.isSafeInteger(value.q) && (value.q as number) >= 0) {
      return value as CursorValue;
    }
  } catch {
    // falls through to the error below
  }
  throw new SmhError('ParamInvalid', 'cursor is not a change-feed cursor of this server.');
}

export interface DeltaPage {
  cursor: string;
  hasMore: boolean;
  events: FeedEvent[];
}

/**
 * The change feed's read side (X2, files.md §8.9): a cursor is a position in one space's feed;
 * delta returns the events after it. Events are written by the operations themselves, in their
 * own transactions (change-feed.ts), and numbered in commit order per space, so paging by
 * number never skips an event that commits later.
 */
export class FeedService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock; retentionDays: number }) {}

  /** GET …/cursor: the position after the newest event. */
  async cursor(actor: Actor, spaceId: string): Promise<string> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const position = await this.deps.meta.feed.position(ctx.libraryId, ctx.spaceId);
    return encode({ l: ctx.libraryId, s: ctx.spaceId, e: ctx.space.createdAt, q: position.lastSeq });
  }

  /** GET …/delta?cursor=&limit=: events after `cursor`, oldest first. */
  async delta(actor: Actor, spaceId: string, cursor: string, limit: number): Promise<DeltaPage> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const value = decode(cursor);
    if (value.l !== ctx.libraryId || value.s !== ctx.spaceId) {
      throw new SmhError('ParamInvalid', 'The cursor belongs to another space.');
    }
    if (value.e !== ctx.space.createdAt) {
      throw new SmhError('CursorExpired', 'The cursor belongs to a space that was deleted since.');
    }
    const position = await this.deps.meta.feed.position(ctx.libraryId, ctx.spaceId);
    if (value.q < position.purgedSeq) {
      throw new SmhError('CursorExpired');
    }
    if (value.q > position.lastSeq) {
      throw new SmhError('ParamInvalid', 'The cursor is ahead of this space\'s feed.');
    }
    const rows = await this.deps.meta.feed.list(ctx.libraryId, ctx.spaceId, value.q, limit + 1);
    const events = rows.slice(0, limit);
    const last = events[events.length - 1];
    return { cursor: encode({ ...value, q: last ? last.seq : value.q }), hasMore: rows.length > limit, events };
  }

  /** Retention: drops events older than the configured days (a periodic, idempotent sweep). */
  async sweep(): Promise<number> {
    return this.deps.meta.feed.expire(this.deps.clock.now() - this.deps.retentionDays * DAY_MS, SWEEP_SPACES);
  }
}
