import { timingSafeEqual } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { joinPath } from '../lib/smh-path.js';
import type { Coordinator } from '../stores/coord/coordinator.js';
import type { Entry, MetaStore, OrderBy } from '../stores/meta/meta-store.js';
import type { Share } from '../stores/meta/share-store.js';
import type { Actor } from './actor.js';
import type { BatchService, Submitted } from './batch.service.js';
import type { BatchRequest, CopyItem } from './batch-items.js';
import type { ConflictStrategy } from './conflict.js';
import type { Clock } from './deps.js';
import { limitVerifyAttempts } from './share-rate.js';
import { liveRoots, requireLive, resolveChain } from './share-rules.js';
import type { ShareRef } from './share-source.js';
import { requireGrantFor, type ShareGrant, type ShareTokens } from './share-token.js';
import type { TokenService } from './token.service.js';

export interface ShareListing {
  items: Entry[];
  hasMore: boolean;
}

export interface ShareListOptions {
  orderBy: 'name' | 'size' | 'updatedAt';
  descending: boolean;
  offset: number;
  limit: number;
}

/** A visitor's own credential, if they are signed in. */
export interface VisitorLogin {
  accessToken?: string;
  libraryId?: string;
}

export interface OpenedShare {
  share: Share;
  grant: ShareGrant;
}

const ORDER: Record<ShareListOptions['orderBy'], OrderBy> = { name: 'name', size: 'size', updatedAt: 'modificationTime' };

/** The recipient side of share links (dirs.md §11.1): no library token needed, a share access token instead. */
export class ShareAccessService {
  constructor(
    private readonly deps: {
      meta: MetaStore;
      clock: Clock;
      coord: Coordinator;
      shareTokens: ShareTokens;
      batch: BatchService;
      tokens: TokenService;
    },
  ) {}

  /** The public facts of a link, shown before the extraction code is asked for; works on dead shares too. */
  async urlDetail(code: string): Promise<{ share: Share; items: Entry[] }> {
    const share = await this.byCode(code);
    if (!(await this.deps.meta.libraries.get(share.libraryId))) {
      throw new SmhError('ShareNotFound');
    }
    return { share, items: await liveRoots(this.deps.meta, share) };
  }

  /** Checks the extraction code (rate limited) and the visitor, and mints a share access token. */
  async verify(code: string, extractionCode: string, login: VisitorLogin, client: string): Promise<{ token: string; expiresAt: number }> {
    const share = await this.byCode(code);
    const now = this.deps.clock.now();
    if (share.config.extractionCode !== '') {
      await limitVerifyAttempts(this.deps.coord, share.code, client);
    }
    await requireLive(this.deps.meta, share, now);
    if (!sameCode(share.config.extractionCode, extractionCode)) {
      throw new SmhError('ExtractionCodeInvalid');
    }
    // A signed-in visitor names their own library's token (any library of this server).
    const visitor = login.accessToken ? { userId: (await this.deps.tokens.use(login.libraryId ?? share.libraryId, login.accessToken)).userId } : null;
    if (share.config.forbidAnonymousUser && !visitor) {
      throw new SmhError('AnonymousNotAllowed');
    }
    if (share.config.toUsers.length > 0 && !share.config.toUsers.includes(visitor?.userId ?? '')) {
      throw new SmhError('ShareAccessDenied');
    }
    if (share.userLimit > 0 && visitor) {
      const admitted = await this.deps.meta.transaction((tx) => tx.shares.addVisitor(share.id, visitor.userId, now));
      if (!admitted) {
        throw new SmhError('UserLimitReached');
      }
    }
    return this.deps.shareTokens.mint(share, visitor?.userId ?? '', now);
  }

  /** The share behind a link and a share access token for it, if it may be used now. */
  async open(code: string, token: string | undefined): Promise<OpenedShare> {
    const share = await this.byCode(code);
    await requireLive(this.deps.meta, share, this.deps.clock.now());
    const grant = this.deps.shareTokens.read(token, this.deps.clock.now());
    requireGrantFor(share, grant);
    return { share, grant };
  }

  /** The share of a token, wherever it is used (B2 names no share code). */
  async openByToken(token: string | undefined): Promise<OpenedShare> {
    const grant = this.deps.shareTokens.read(token, this.deps.clock.now());
    const share = await this.deps.meta.shares.get(grant.libraryId, grant.shareId);
    if (!share) {
      throw new SmhError('ShareNotFound');
    }
    await requireLive(this.deps.meta, share, this.deps.clock.now());
    requireGrantFor(share, grant);
    return { share, grant };
  }

  /** The shared items (no inodes) or a shared directory's children. */
  async list(opened: OpenedShare, inodes: readonly string[], options: ShareListOptions): Promise<ShareListing> {
    const { share } = opened;
    const roots = await liveRoots(this.deps.meta, share);
    if (roots.length === 0) {
      throw new SmhError('ShareFileEmpty');
    }
    const dir = await resolveChain(this.deps.meta, share, inodes);
    if (dir === null) {
      const sorted = [...roots].sort((a, b) => compare(a, b, options.orderBy) * (options.descending ? -1 : 1));
      const items = sorted.slice(options.offset, options.offset + options.limit);
      return { items, hasMore: options.offset + options.limit < sorted.length };
    }
    if (dir.type !== 'dir') {
      throw new SmhError('DirectoryNotFound', 'The inode chain ends at a file.');
    }
    const children = await this.deps.meta.entries.listChildren(share.libraryId, share.spaceId, dir.path, {
      orderBy: ORDER[options.orderBy],
      descending: options.descending,
      filter: null,
      union: false,
      offset: options.offset,
      limit: options.limit + 1,
    });
    return { items: children.slice(0, options.limit), hasMore: children.length > options.limit };
  }

  /**
   * The file a preview or download is for, once counted: one conditional UPDATE per request, so
   * parallel requests never pass the share's limit.
   */
  async fetch(opened: OpenedShare, inodes: readonly string[], kind: 'preview' | 'download'): Promise<Entry> {
    const { share } = opened;
    if (kind === 'preview' ? !share.config.canPreview : !share.config.canDownload) {
      throw new SmhError(kind === 'preview' ? 'CannotPreview' : 'CannotDownload');
    }
    const entry = await resolveChain(this.deps.meta, share, inodes);
    if (!entry || entry.type === 'dir' || !entry.blobKey) {
      throw new SmhError('FileNotFound', 'The inode chain must end at a file of the share.');
    }
    if (!(await this.deps.meta.shares.countUse(share.id, kind))) {
      throw new SmhError(kind === 'preview' ? 'FilePreviewCountLimitReached' : 'FileDownloadCountLimitReached');
    }
    return entry;
  }

  /**
   * Save into one's own space (`?save=1`): the items named by inode, below `sourceInodes` (the
   * share's top level when empty), are copied to `targetPath` through batch copy.
   */
  async save(
    opened: OpenedShare,
    actor: Actor,
    target: { spaceId: string; path: string; strategy?: ConflictStrategy },
    sourceInodes: readonly string[],
    inodes: readonly string[],
  ): Promise<{ request: BatchRequest; submitted: Submitted }> {
    const { share } = opened;
    if (!share.config.canSaveToNetdisk) {
      throw new SmhError('CannotSaveToNetDisk');
    }
    const items: CopyItem[] = [];
    for (const inode of inodes) {
      const entry = await resolveChain(this.deps.meta, share, [...sourceInodes, inode]);
      if (!entry) {
        throw new SmhError('FileNotInShare');
      }
      items.push({ from: entry.path, to: joinPath(target.path, entry.name), strategy: target.strategy, fromShare: shareRef(share) });
    }
    const request: BatchRequest = { kind: 'copy', items };
    return { request, submitted: await this.deps.batch.submit(actor, target.spaceId, request) };
  }

  /** B2 with `share_access_token`: the items' `copyFrom` paths are read from the share. */
  async copyBatch(opened: OpenedShare, actor: Actor, spaceId: string, items: readonly CopyItem[]): Promise<Submitted> {
    const { share } = opened;
    if (!share.config.canSaveToNetdisk) {
      throw new SmhError('CannotSaveToNetDisk');
    }
    const ref = shareRef(share);
    const request: BatchRequest = { kind: 'copy', items: items.map((item) => ({ ...item, fromSpaceId: undefined, fromShare: ref })) };
    return this.deps.batch.submit(actor, spaceId, request);
  }

  private async byCode(code: string): Promise<Share> {
    const share = code === '' ? null : await this.deps.meta.shares.getByCode(code);
    if (!share) {
      throw new SmhError('ShareNotFound');
    }
    return share;
  }
}

export function shareRef(share: Share): ShareRef {
  return { libraryId: share.libraryId, spaceId: share.spaceId, shareId: share.id, revision: share.revision };
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function compare(a: Entry, b: Entry, orderBy: ShareListOptions['orderBy']): number {
  if (orderBy === 'size') {
    return a.size - b.size || a.name.localeCompare(b.name);
  }
  if (orderBy === 'updatedAt') {
    return a.modifiedAt - b.modifiedAt || a.name.localeCompare(b.name);
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
