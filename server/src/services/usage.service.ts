import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { MetaStore, Space } from '../stores/meta/meta-store.js';
import type { Quota, SubtreeStats } from '../stores/meta/quota-store.js';
import { requireAdmin, requireGrant, requireSpace } from './access.js';
import type { Actor } from './actor.js';
import { openSpace } from './space-context.js';

/** S11. null capacity = no library quota (unlimited). */
export interface LibraryUsage {
  capacity: number | null;
  availableSpace: number | null;
  totalAllocatedSpaceQuota: number;
  totalFileSize: number;
}

/** S12, one per space. null capacity = the space has no quota. */
export interface SpaceUsage {
  spaceId: string;
  capacity: number | null;
  availableSpace: number | null;
  size: number;
}

export interface DirectoryStats extends SubtreeStats {
  userId: string;
  statsType: string;
}

/** How many spaces one S12/S14 request may name. */
const MAX_SPACE_IDS = 1000;
/** SMH's D11 types; only the live tree has counters here (no history versions exist yet). */
const STATS_TYPES = ['normal', 'recycle', 'history'];

/** Reading usage: S11–S14 (core.md §4) and directory statistics (dirs.md D11). */
export class UsageService {
  constructor(private readonly deps: { meta: MetaStore }) {}

  private async allSpaces(libraryId: string): Promise<Space[]> {
    return this.deps.meta.spaces.list(libraryId, { limit: 1_000_000 });
  }

  /**
   * S11. What is left to allocate under a library quota: every space quota counts at its full
   * capacity (or its usage when over it), a space without quota at its size (core.md S11).
   */
  async library(actor: Actor): Promise<LibraryUsage> {
    requireAdmin(actor);
    const { id, settings } = actor.library;
    const quotas = await this.deps.meta.quotas.list(id);
    const spaces = await this.allSpaces(id);
    const covered = new Set(quotas.flatMap((quota) => quota.spaceIds));
    const allocated = quotas.reduce((sum, quota) => sum + quota.capacity, 0);
    const claimed = quotas.reduce((sum, quota) => sum + Math.max(quota.capacity, quota.used), 0) + spaces.filter((space) => !covered.has(space.spaceId)).reduce((sum, space) => sum + space.size, 0);
    const capacity = settings.enableQuota ? settings.libraryQuota : null;
    return {
      capacity,
      availableSpace: capacity === null ? null : Math.max(0, capacity - claimed),
      totalAllocatedSpaceQuota: allocated,
      totalFileSize: spaces.reduce((sum, space) => sum + space.size, 0),
    };
  }

  /** S12: admin any space, space_admin the spaces of its token (core.md §9.3). */
  async spaces(actor: Actor, spaceIds: string[]): Promise<SpaceUsage[]> {
    requireGrant(actor, 'space_admin');
    checkSpaceIds(spaceIds);
    const out: SpaceUsage[] = [];
    for (const spaceId of spaceIds) {
      const space = await requireSpace(this.deps.meta, actor, spaceId, 'read');
      const quota: Quota | null = await this.deps.meta.quotas.ofSpace(actor.library.id, spaceId);
      out.push({
        spaceId,
        capacity: quota?.capacity ?? null,
        availableSpace: quota ? Math.max(0, quota.capacity - quota.used) : null,
        size: space.size,
      });
    }
    return out;
  }

  /** S13: summed size per space tag; untagged spaces form the `null` group. */
  async sizeByTag(actor: Actor, tag: string | undefined): Promise<{ spaceTag: string | null; size: number }[]> {
    requireAdmin(actor);
    const groups = new Map<string | null, number>();
    for (const space of await this.allSpaces(actor.library.id)) {
      const spaceTag = space.extension.spaceTag ?? null;
      if (tag === undefined || spaceTag === tag) {
        groups.set(spaceTag, (groups.get(spaceTag) ?? 0) + space.size);
      }
    }
    return [...groups].map(([spaceTag, size]) => ({ spaceTag, size }));
  }

  /** S14. Downloads are not metered, so traffic is always 0; the spaces are still checked. */
  async traffic(actor: Actor, spaceIds: string[]): Promise<{ spaceId: string; internetTraffic: number }[]> {
    requireAdmin(actor);
    checkSpaceIds(spaceIds);
    for (const spaceId of spaceIds) {
      await requireSpace(this.deps.meta, actor, spaceId, 'read');
    }
    return spaceIds.map((spaceId) => ({ spaceId, internetTraffic: 0 }));
  }

  /** D11 `normal`: bytes, files and directories below the directory, from one aggregate query. */
  async directory(actor: Actor, spaceId: string, rawPath: string, statsType: string | undefined): Promise<DirectoryStats> {
    const type = statsType === undefined || statsType === '' ? 'normal' : statsType;
    if (!STATS_TYPES.includes(type)) {
      throw new SmhError('InvalidDirectoryStatsType', `stats_type must be one of ${STATS_TYPES.join(', ')}.`);
    }
    if (type !== 'normal') {
      throw new SmhError('InvalidDirectoryStatsType', `stats_type ${type} is not supported by this server; use normal.`);
    }
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const path = parseSmhPath(rawPath, 'dir', ctx.rules.maxNameLength);
    const directory = await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, path.path);
    if (!directory || directory.type !== 'dir') {
      throw new SmhError('DirectoryNotFound');
    }
    const stats = await this.deps.meta.quotas.subtreeStats(ctx.libraryId, ctx.spaceId, path.path);
    return { userId: directory.userId, statsType: type, ...stats };
  }
}

function checkSpaceIds(spaceIds: string[]): void {
  if (spaceIds.length === 0 || spaceIds.some((id) => id === '')) {
    throw new SmhError('EmptySpaceId');
  }
  if (spaceIds.length > MAX_SPACE_IDS) {
    throw new SmhError('TooManyItems', `At most ${MAX_SPACE_IDS} spaces per request.`);
  }
}
