import type { FileKind } from '../../lib/file-kinds.js';
import type { Entry } from './meta-store.js';

export type RecentAction = 'preview' | 'modify';

/** One (user, file, action) of the recently-used list; re-use moves it to the top. */
export interface RecentUse {
  libraryId: string;
  spaceId: string;
  userId: string;
  entryId: string;
  action: RecentAction;
  operatedAt: number;
}

export interface RecentItem {
  use: RecentUse;
  entry: Entry;
}

/** Position in the newest-first list: time, then file and action (unique per user). */
export interface RecentCursor {
  operatedAt: number;
  entryId: string;
  action: RecentAction;
}

export interface RecentListOptions {
  action: RecentAction | null;
  /** the file must match one of these kinds or extensions (both empty = any) */
  kinds: FileKind[];
  extensions: string[];
  after: RecentCursor | null;
  limit: number;
}

export interface RecentRepo {
  /** one upsert: records the use or moves an existing one to `operatedAt` */
  record(use: RecentUse): Promise<void>;
  /** newest first; files deleted since drop out */
  list(libraryId: string, spaceId: string, userId: string, options: RecentListOptions): Promise<RecentItem[]>;
}
