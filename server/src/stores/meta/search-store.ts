import type { FileKind } from '../../lib/file-kinds.js';
import type { Entry, OrderBy } from './meta-store.js';

/**
 * A search's criteria in domain terms, stored as JSON with the task so any API node can continue
 * it. Lists are OR-ed within themselves and AND-ed with each other.
 */
export interface SearchQuery {
  /** canonical directory path; '' searches the whole space */
  scope: string;
  /** keywords, any of which must occur in the name (case-insensitive substring) */
  keywords: string[];
  /** the entry must match one of these kinds (empty = any) */
  includeKinds: FileKind[];
  /** … and none of these */
  excludeKinds: FileKind[];
  /** lower-case extensions with the dot */
  extensions: string[];
  /** … and none of these (S4 `excludeExtnames`; absent in older stored tasks) */
  excludeExtensions?: string[];
  /** only these entry types (S4 `fileTypes: symlink`); absent or empty = any */
  entryTypes?: string[];
  minSize: number | null;
  maxSize: number | null;
  modifiedFrom: number | null;
  modifiedTo: number | null;
  createdFrom: number | null;
  createdTo: number | null;
  labels: string[];
  categories: string[];
  /** creator user ids */
  creators: string[];
  /** 'relevance' = more matched keywords first, then by name */
  orderBy: OrderBy | 'relevance';
  descending: boolean;
}

/** Where a result stands in its search's order; the keyset the next page starts after. */
export interface SearchCursor {
  key: string | number;
  /** matched keywords, for relevance order */
  rank: number;
  id: string;
}

export interface SearchHit {
  entry: Entry;
  cursor: SearchCursor;
}

export interface SearchTask {
  id: string;
  libraryId: string;
  spaceId: string;
  userId: string;
  query: SearchQuery;
  createdAt: number;
  expiresAt: number;
}

export interface SearchRepo {
  insert(task: SearchTask): Promise<void>;
  get(id: string): Promise<SearchTask | null>;
  /** deletes the task and its markers; false when there was none */
  delete(id: string): Promise<boolean>;
  /** remembers where page `marker` starts; the first writer of a marker wins */
  saveMarker(searchId: string, marker: number, cursor: SearchCursor): Promise<void>;
  getMarker(searchId: string, marker: number): Promise<SearchCursor | null>;
  /**
   * Up to `limit` entries of the space matching `query`, in the query's order, after `after`.
   * Keyset-paged over indexes: the keyword part uses the dialect's substring index.
   */
  find(libraryId: string, spaceId: string, query: SearchQuery, after: SearchCursor | null, limit: number): Promise<SearchHit[]>;
  deleteExpired(now: number): Promise<number>;
}
