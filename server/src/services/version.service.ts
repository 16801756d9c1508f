import { recordEntry } from './change-feed.js';
import { SmhError } from '../errors/smh-error.js';
import { parseNonRootPath } from '../lib/smh-path.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { FileVersion, VersionCursor, VersionOrder } from '../stores/meta/version-store.js';
import { requireGrant } from './access.js';
import type { Actor } from './actor.js';
import { deleteBlobs } from './blob-refs.js';
import type { Clock } from './deps.js';
import { archiveContent, dropVersions, hasHistory, trimHistory } from './file-history.js';
import { openSpace } from './space-context.js';
import { versionsInSpace } from './version-lookup.js';

/** H2 deletes at most this many ids per call (files.md §9.3). */
export const MAX_DELETE_IDS = 100;

export interface HistoryListInput {
  orderBy: VersionOrder;
  descending: boolean;
  /** page mode (page/page_size): offset into [current, ...versions] */
  page?: { offset: number; size: number };
  /** marker mode: `after` null = from the start (current first); 'head' = right after the current */
  marker?: { after: VersionCursor | 'head' | null; limit: number };
}

export interface HistoryList {
  /** the file itself, first in the list, when this page starts at the top */
  current: Entry | null;
  versions: FileVersion[];
  /** page mode only: the current file plus every version */
  total?: number;
  hasMore: boolean;
  /** marker mode, when hasMore: where the next page starts */
  next?: VersionCursor | 'head';
}

function orderKey(version: FileVersion, orderBy: VersionOrder): number {
  return orderBy === 'id' ? version.id : orderBy === 'size' ? version.size : version.createdAt;
}

/**
 * Historical versions of files (files.md §9.2–9.4). Versions are made by overwrites
 * (file-history.ts); here they are listed, deleted and restored. A version is reachable only
 * through a file live in the caller's space.
 */
export class VersionService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {}

  /** The file whose history an H1 call lists; directories and symlinks have none. */
  private async historyFile(actor: Actor, spaceId: string, rawPath: string): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const path = parseNonRootPath(rawPath, 'file', ctx.rules.maxNameLength);
    const entry = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!entry) {
      throw new SmhError('FileNotFound');
    }
    if (!hasHistory(entry.type)) {
      throw new SmhError('UnsupportedFileType', 'Directories and symbolic links have no historical versions.');
    }
    return entry;
  }

  /** H1: the current file first (on the first page), then its versions in the asked order. */
  async list(actor: Actor, spaceId: string, rawPath: string, input: HistoryListInput): Promise<HistoryList> {
    const entry = await this.historyFile(actor, spaceId, rawPath);
    const order = { orderBy: input.orderBy, descending: input.descending };
    if (input.page) {
      const { offset, size } = input.page;
      const { versions: count } = await this.deps.meta.versions.count(entry.id);
      const versions = await this.deps.meta.versions.list(entry.id, {
        ...order,
        offset: Math.max(0, offset - 1),
        limit: offset === 0 ? size - 1 : size,
        after: null,
      });
      return { current: offset === 0 ? entry : null, versions, total: count + 1, hasMore: offset + size < count + 1 };
    }
    const { after, limit } = input.marker ?? { after: null, limit: 20 };
    const current = after === null ? entry : null;
    const room = current ? limit - 1 : limit;
    const rows = room > 0 ? await this.deps.meta.versions.list(entry.id, { ...order, offset: 0, limit: room + 1, after: after === 'head' || after === null ? null : after }) : [];
    const versions = rows.slice(0, room);
    const last = versions.at(-1);
    const hasMore = room > 0 ? rows.length > room : (await this.deps.meta.versions.count(entry.id)).versions > 0;
    const next = hasMore ? (last ? { key: orderKey(last, input.orderBy), id: last.id } : ('head' as const)) : undefined;
    return { current, versions, hasMore, next };
  }

  /** H2: deletes versions of files in this space, all or none (HistoryNotFound names the first unknown id). */
  async delete(actor: Actor, spaceId: string, ids: readonly number[]): Promise<void> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'delete_history');
    if (ids.length === 0) {
      throw new SmhError('NoItemsProvided', 'Name at least one history id.');
    }
    if (ids.length > MAX_DELETE_IDS) {
      throw new SmhError('TooManyItems', `At most ${MAX_DELETE_IDS} history ids per request.`);
    }
    const unique = [...new Set(ids)];
    const unreferenced = await this.deps.meta.transaction(async (tx) => {
      const found = await versionsInSpace(tx, ctx.libraryId, ctx.spaceId, unique);
      const dropped = await dropVersions(tx, found.map((item) => item.version), this.deps.clock.now());
      if (dropped.deleted !== unique.length) {
        throw new SmhError('HistoryNotFound', 'A history version was deleted meanwhile.');
      }
      return dropped.unreferenced;
    });
    await deleteBlobs(this.deps.blob, unreferenced);
  }

  /**
   * H3: the version becomes the current content and leaves the list; the content it replaces
   * becomes a version (always — restoring must not lose what was current). References move,
   * bytes do not, and the space size stays as it was: both contents were counted before and are
   * after. Returns the file as it now is.
   */
  async setLatest(actor: Actor, spaceId: string, rawId: number): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'set_history_latest');
    const now = this.deps.clock.now();
    const { entry, unreferenced } = await this.deps.meta.transaction(async (tx) => {
      const [found] = await versionsInSpace(tx, ctx.libraryId, ctx.spaceId, [rawId]);
      if (!found) {
        throw new SmhError('HistoryNotFound');
      }
      const { version, entry: current } = found;
      if (!hasHistory(current.type)) {
        throw new SmhError('UnsupportedFileType');
      }
      if ((await tx.versions.delete([version.id])).length === 0) {
        throw new SmhError('HistoryNotFound', 'The history version was deleted meanwhile.');
      }
      await archiveContent(tx, current, now);
      const restored: Entry = {
        ...current,
        blobKey: version.blobKey,
        size: version.size,
        contentType: version.contentType,
        crc64: version.crc64,
        etag: version.etag,
        versionId: current.versionId + 1,
        userId: actor.userId,
        modifiedAt: now,
      };
      const { blobKey, size, contentType, crc64, etag, versionId, userId, modifiedAt } = restored;
      await tx.entries.update(current.id, { blobKey, size, contentType, crc64, etag, versionId, userId, modifiedAt });
      await recordEntry(tx, ctx, 'HISTORY.LATEST', restored, now, { historyId: version.id });
      await tx.entries.touch(ctx.libraryId, ctx.spaceId, current.parent, now);
      return { entry: restored, unreferenced: await trimHistory(tx, current.id, actor.library.settings.fileHistoryCount) };
    });
    await deleteBlobs(this.deps.blob, unreferenced);
    return entry;
  }

  /** historySize of D4 file details: bytes held by the file's versions. */
  async historySize(entry: Entry): Promise<number> {
    return hasHistory(entry.type) ? (await this.deps.meta.versions.count(entry.id)).bytes : 0;
  }
}
