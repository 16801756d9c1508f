import type { Entry } from './meta-store.js';

/** A user's favorite: it points at an entry id (inode), so it follows renames and moves. */
export interface Favorite {
  id: number;
  libraryId: string;
  spaceId: string;
  userId: string;
  entryId: string;
  createdAt: number;
}

export interface FavoriteItem {
  favorite: Favorite;
  entry: Entry;
}

/** Position in a favorites list ordered by favorite time, then id. */
export interface FavoriteCursor {
  createdAt: number;
  id: number;
}

export interface FavoriteListOptions {
  descending: boolean;
  limit: number;
  /** page mode */
  offset: number;
  /** marker mode: only favorites after this one */
  after: FavoriteCursor | null;
}

export interface FavoriteRepo {
  /** null when the user already has this entry among favorites */
  insert(favorite: Omit<Favorite, 'id'>): Promise<Favorite | null>;
  /** false when there was no such favorite */
  delete(libraryId: string, spaceId: string, userId: string, entryId: string): Promise<boolean>;
  /** favorites whose entries still exist; deleted entries drop out */
  list(libraryId: string, spaceId: string, userId: string, options: FavoriteListOptions): Promise<FavoriteItem[]>;
  count(libraryId: string, spaceId: string, userId: string): Promise<number>;
  /** which of `entryIds` the user has favorited (one query, for `isFavorite` flags) */
  favoritedAmong(libraryId: string, spaceId: string, userId: string, entryIds: readonly string[]): Promise<Set<string>>;
}
