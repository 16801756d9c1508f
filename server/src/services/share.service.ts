import { randomBytes } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { Share, ShareQuery, ShareSettings } from '../stores/meta/share-store.js';
import { type Actor, isAdmin } from './actor.js';
import type { Clock } from './deps.js';
import { liveRoots } from './share-rules.js';
import { openSpace } from './space-context.js';

/** At most this many paths in one share (dirs.md §11.1). */
export const MAX_SHARE_PATHS = 1000;

/** A share's settings as create and update take them; update leaves out what it does not change. */
export interface ShareInput {
  name: string;
  isPermanent: boolean;
  /** epoch ms; required unless permanent */
  expireTime?: number;
  extractionCode: string;
  canPreview: boolean;
  canDownload: boolean;
  canSaveToNetdisk: boolean;
  forbidAnonymousUser: boolean;
  previewLimit: number;
  downloadLimit: number;
  userLimit: number;
  toUsers: string[];
}

export interface ShareWithItems {
  share: Share;
  /** the live shared items, when asked for */
  items?: Entry[];
}

const EXTRACTION_CODE = /^[A-Za-z0-9]{1,6}$/;

/** The owner side of share links (dirs.md §11.1): create, list, search, detail, update, switches, delete. */
export class ShareService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  /** The service's clock, for presenting `isExpired`. */
  now(): number {
    return this.deps.clock.now();
  }

  async create(actor: Actor, spaceId: string, rawPaths: readonly string[], input: ShareInput): Promise<Share> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    if (actor.kind === 'public') {
      throw new SmhError('EmptyAccessToken');
    }
    if (rawPaths.length === 0) {
      throw new SmhError('ParamInvalid', 'filePath must name at least one file or directory.');
    }
    if (rawPaths.length > MAX_SHARE_PATHS) {
      throw new SmhError('TooManyItems', `A share holds at most ${MAX_SHARE_PATHS} paths.`);
    }
    const entries: Entry[] = [];
    for (const raw of rawPaths) {
      const path = parseSmhPath(raw, 'dir', ctx.rules.maxNameLength).path;
      if (path === '') {
        throw new SmhError('ParamInvalid', 'The root directory cannot be shared.');
      }
      const entry = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path);
      if (!entry) {
        throw new SmhError('PathNotFound', `Nothing exists at ${path}.`);
      }
      if (!entries.some((other) => other.id === entry.id)) {
        entries.push(entry);
      }
    }
    const now = this.deps.clock.now();
    const settings = this.settings(input, entries, now);
    return this.deps.meta.shares.insert({
      ...settings,
      code: randomBytes(12).toString('base64url'),
      libraryId: ctx.libraryId,
      spaceId: ctx.spaceId,
      creatorId: actor.userId,
      entryIds: entries.map((entry) => entry.id),
      ownerEnabled: true,
      adminEnabled: true,
      previewUsed: 0,
      downloadUsed: 0,
      userUsed: 0,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  async detail(actor: Actor, shareId: number, withFileInfo: boolean): Promise<ShareWithItems> {
    const share = await this.owned(actor, shareId);
    return withFileInfo ? { share, items: await liveRoots(this.deps.meta, share) } : { share };
  }

  /** Replaces the settings (fields left out keep their values) and resets the usage counters. */
  async update(actor: Actor, shareId: number, input: Partial<ShareInput>): Promise<Share> {
    const share = await this.owned(actor, shareId);
    const now = this.deps.clock.now();
    const current: ShareInput = {
      name: share.name,
      isPermanent: share.expiresAt === null,
      ...(share.expiresAt === null ? {} : { expireTime: share.expiresAt }),
      extractionCode: share.config.extractionCode,
      canPreview: share.config.canPreview,
      canDownload: share.config.canDownload,
      canSaveToNetdisk: share.config.canSaveToNetdisk,
      forbidAnonymousUser: share.config.forbidAnonymousUser,
      previewLimit: share.previewLimit,
      downloadLimit: share.downloadLimit,
      userLimit: share.userLimit,
      toUsers: share.config.toUsers,
    };
    const merged = { ...current, ...definedOnly(input) };
    const settings = this.settings(merged, await liveRoots(this.deps.meta, share), now);
    await this.deps.meta.transaction((tx) => tx.shares.update(share.id, settings, now));
    return (await this.deps.meta.shares.get(share.libraryId, share.id)) as Share;
  }

  /** The owner switch is the creator's (or an admin's); the admin switch only an admin's. */
  async setEnabled(actor: Actor, shareId: number, switches: { ownerEnabled?: boolean; adminEnabled?: boolean }): Promise<void> {
    const share = await this.owned(actor, shareId);
    if (switches.adminEnabled !== undefined && !isAdmin(actor)) {
      throw new SmhError('NoPermission', 'Only an admin may set adminEnabled.');
    }
    await this.deps.meta.shares.setEnabled(share.id, switches, this.deps.clock.now());
  }

  async delete(actor: Actor, shareId: number): Promise<void> {
    const share = await this.owned(actor, shareId);
    await this.deps.meta.transaction((tx) => tx.shares.delete(share.id));
  }

  /** A page of shares: a user sees their own, an admin every share (or one creator's). */
  async list(actor: Actor, query: Omit<ShareQuery, 'libraryId'>, withFileInfo: boolean): Promise<ShareWithItems[]> {
    requireCaller(actor);
    const creatorId = isAdmin(actor) ? query.creatorId : actor.userId;
    return this.page({ ...query, creatorId, libraryId: actor.library.id }, withFileInfo);
  }

  /** Search over every share of the library; admins only (dirs.md §11.1). */
  async search(actor: Actor, query: Omit<ShareQuery, 'libraryId'>): Promise<ShareWithItems[]> {
    requireCaller(actor);
    if (!isAdmin(actor)) {
      throw new SmhError('NoPermission', 'Searching shares needs an admin token.');
    }
    return this.page({ ...query, libraryId: actor.library.id }, false);
  }

  private async page(query: ShareQuery, withFileInfo: boolean): Promise<ShareWithItems[]> {
    const shares = await this.deps.meta.shares.list(query);
    return Promise.all(shares.map(async (share) => (withFileInfo ? { share, items: await liveRoots(this.deps.meta, share) } : { share })));
  }

  /** The share, when the caller created it or is an admin of its library. */
  private async owned(actor: Actor, shareId: number): Promise<Share> {
    requireCaller(actor);
    const share = await this.deps.meta.shares.get(actor.library.id, shareId);
    if (!share) {
      throw new SmhError('ShareNotFound');
    }
    if (!isAdmin(actor) && share.creatorId !== actor.userId) {
      throw new SmhError('NoPermission', 'Only the creator of a share or an admin may manage it.');
    }
    return share;
  }

  /** Checks the settings against each other and against what is shared. */
  private settings(input: ShareInput, entries: readonly Entry[], now: number): ShareSettings {
    const name = input.name.trim();
    if (name === '' || name.length > 255) {
      throw new SmhError('ParamInvalid', 'name must be 1 to 255 characters.');
    }
    if (!input.isPermanent && (input.expireTime === undefined || input.expireTime <= now)) {
      throw new SmhError('ParamInvalid', 'A share that is not permanent needs an expireTime in the future.');
    }
    if (input.extractionCode !== '' && !EXTRACTION_CODE.test(input.extractionCode)) {
      throw new SmhError('ParamInvalid', 'extractionCode must be 1 to 6 letters or digits.');
    }
    if ((input.userLimit > 0 || input.toUsers.length > 0) && !input.forbidAnonymousUser) {
      throw new SmhError('ParamInvalid', 'userLimit and shareToUsers need forbidAnonymousUser.');
    }
    // SMH ignores a limit whose action the share does not allow.
    const previewLimit = input.canPreview ? input.previewLimit : 0;
    const downloadLimit = input.canDownload ? input.downloadLimit : 0;
    const single = entries.length === 1 && entries[0]?.type !== 'dir';
    if ((previewLimit > 0 || downloadLimit > 0) && !single) {
      throw new SmhError('ShareDownloadOrPreviewCountLimitOnlyAllowedSingleFile');
    }
    return {
      name,
      expiresAt: input.isPermanent ? null : (input.expireTime as number),
      previewLimit,
      downloadLimit,
      userLimit: input.userLimit,
      config: {
        extractionCode: input.extractionCode,
        canPreview: input.canPreview,
        canDownload: input.canDownload,
        canSaveToNetdisk: input.canSaveToNetdisk,
        forbidAnonymousUser: input.forbidAnonymousUser,
        toUsers: input.toUsers,
      },
    };
  }
}

function requireCaller(actor: Actor): void {
  if (actor.kind === 'public') {
    throw new SmhError('EmptyAccessToken');
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
