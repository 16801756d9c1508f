/** What a share allows, besides its limits (dirs.md §11.1 `config`). */
export interface ShareConfig {
  extractionCode: string;
  canPreview: boolean;
  canDownload: boolean;
  canSaveToNetdisk: boolean;
  forbidAnonymousUser: boolean;
  /** only these users may open the share; empty = anyone who has the link (and code) */
  toUsers: string[];
}

/** A share link: items of one space, named by entry id (inode), with usage limits and switches. */
export interface Share {
  id: number;
  /** the public code of the link (`/api/v1/share/verify/{code}` …) */
  code: string;
  libraryId: string;
  spaceId: string;
  creatorId: string;
  name: string;
  entryIds: string[];
  config: ShareConfig;
  /** null = permanent */
  expiresAt: number | null;
  ownerEnabled: boolean;
  adminEnabled: boolean;
  /** 0 = unlimited */
  previewLimit: number;
  previewUsed: number;
  downloadLimit: number;
  downloadUsed: number;
  userLimit: number;
  userUsed: number;
  /** bumped by every update; share access tokens carry it */
  revision: number;
  createdAt: number;
  updatedAt: number;
}

/** The settings an update replaces; counters are reset and the revision bumped with them. */
export type ShareSettings = Pick<Share, 'name' | 'config' | 'expiresAt' | 'previewLimit' | 'downloadLimit' | 'userLimit'>;

export type ShareOrder = 'createTime' | 'expireTime' | 'name' | 'creatorId';

export interface ShareQuery {
  libraryId: string;
  /** only shares of this creator; undefined = every creator */
  creatorId?: string;
  nameContains?: string;
  expireFrom?: number;
  expireTo?: number;
  createFrom?: number;
  createTo?: number;
  orderBy: ShareOrder;
  descending: boolean;
  offset: number;
  limit: number;
}

export interface ShareRepo {
  insert(share: Omit<Share, 'id'>): Promise<Share>;
  get(libraryId: string, id: number): Promise<Share | null>;
  getByCode(code: string): Promise<Share | null>;
  list(query: ShareQuery): Promise<Share[]>;
  /** replaces the settings, zeroes the counters, forgets visitors and bumps the revision */
  update(id: number, settings: ShareSettings, now: number): Promise<void>;
  setEnabled(id: number, switches: { ownerEnabled?: boolean; adminEnabled?: boolean }, now: number): Promise<void>;
  delete(id: number): Promise<void>;
  /**
   * Counts one preview or download in one conditional statement: false (nothing counted) when
   * the limit is already used up, so parallel requests never pass it.
   */
  countUse(id: number, kind: 'preview' | 'download'): Promise<boolean>;
  /**
   * Records a distinct visitor against `userLimit`: true when the user was already counted or
   * fits under the limit (and is now counted), false when the limit is full. Call inside a
   * transaction so the visitor row and the counter commit together.
   */
  addVisitor(id: number, userId: string, now: number): Promise<boolean>;
}
