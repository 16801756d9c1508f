/**
 * The change feed's storage (X2, migration 0011). Events are numbered per space in commit order;
 * `append` must run inside the transaction that makes the change it records.
 */
export interface FeedEvent {
  seq: number;
  eventType: string;
  createdAt: number;
  /** the SMH event item (files.md §8.9) without eventType/eventTime */
  payload: Record<string, unknown>;
}

export interface NewFeedEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

export interface FeedPosition {
  /** number of the newest event (0 when none yet) */
  lastSeq: number;
  /** events up to here were dropped by retention */
  purgedSeq: number;
}

export interface FeedRepo {
  /** numbers the events after the space's newest and stores them; locks the space's counter row */
  append(libraryId: string, spaceId: string, events: readonly NewFeedEvent[], now: number): Promise<void>;
  position(libraryId: string, spaceId: string): Promise<FeedPosition>;
  /** events with seq > `after`, oldest first, at most `limit` */
  list(libraryId: string, spaceId: string, after: number, limit: number): Promise<FeedEvent[]>;
  /** drops events older than `before`, oldest first and at most `limit`; returns how many */
  expire(before: number, limit: number): Promise<number>;
  /** the space is gone: its events and counter go with it */
  deleteSpace(libraryId: string, spaceId: string): Promise<void>;
}
