import { SmhError } from '../errors/smh-error.js';
import type { Library, MetaRepos, MetaStore } from '../stores/meta/meta-store.js';
import type { Quota, QuotaPolicy } from '../stores/meta/quota-store.js';
import { requireAdmin, requireSpace } from './access.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { applyChange, DEFAULT_POLICY, parseQuotaBody, type QuotaBody, type QuotaChange } from './quota-input.js';

/** What `/api/v1/quota/{L}/{X}` addresses (core.md §5 Q2–Q5). */
export type QuotaTarget = { kind: 'space'; spaceId: string } | { kind: 'quota'; id: number };

const QUOTA_ID = /^[1-9][0-9]{0,14}$/;

/**
 * Quotas, Q1–Q5 (core.md §5); all admin-only. Usage is charged by `spaces.addSize`, not here
 * (see quota-charge.ts); this file only creates quotas, changes them and reads them.
 */
export class QuotaService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock }) {}

  /**
   * The overload rule, which Tencent does not document (core.md §9.8): X names a space when the
   * library has a space with that id, else a quota when it is a decimal id. Custom space ids
   * may be all digits; such a space shadows the quota with the same number, which stays
   * reachable through Q2 of any space it covers.
   */
  async resolve(actor: Actor, target: string): Promise<QuotaTarget> {
    requireAdmin(actor);
    if (await this.deps.meta.spaces.get(actor.library.id, target)) {
      return { kind: 'space', spaceId: target };
    }
    if (QUOTA_ID.test(target)) {
      return { kind: 'quota', id: Number(target) };
    }
    // Neither: let the space check say why (SpaceNotFound, wrong tenancy…).
    await requireSpace(this.deps.meta, actor, target, 'read');
    throw new SmhError('SpaceNotFound');
  }

  /** Q1: returns the new quota id. */
  async create(actor: Actor, body: QuotaBody): Promise<number> {
    requireAdmin(actor);
    const change = parseQuotaBody(body);
    const spaceIds = this.coveredSpaces(actor.library, change.spaces, true) as string[];
    if (change.capacity === undefined) {
      throw new SmhError('QuotaCapacityRequired');
    }
    await this.requireSpaces(actor, spaceIds);
    const policy: QuotaPolicy = { ...DEFAULT_POLICY, ...definedOnly(change), capacity: change.capacity };
    const library = actor.library;
    return this.deps.meta.transaction(async (tx) => {
      const used = await this.claimSpaces(tx, library, spaceIds, null);
      checkCapacity(library, policy.capacity, used);
      await checkAllocation(tx, library, null, policy.capacity);
      return tx.quotas.insert(library.id, policy, spaceIds, used, this.deps.clock.now());
    });
  }

  /** Q2 / Q2b. */
  async ofSpace(actor: Actor, spaceId: string): Promise<Quota> {
    requireAdmin(actor);
    await requireSpace(this.deps.meta, actor, spaceId, 'read');
    const quota = await this.deps.meta.quotas.ofSpace(actor.library.id, spaceId);
    if (!quota) {
      throw new SmhError('NoQuota');
    }
    return quota;
  }

  /** Q3. */
  async get(actor: Actor, id: number): Promise<Quota> {
    requireAdmin(actor);
    const quota = await this.deps.meta.quotas.get(actor.library.id, id);
    if (!quota) {
      throw new SmhError('QuotaNotFound');
    }
    return quota;
  }

  /** Q4: capacity is required; the covered spaces change only through Q5. */
  async updateBySpace(actor: Actor, spaceId: string, body: QuotaBody): Promise<void> {
    requireAdmin(actor);
    await requireSpace(this.deps.meta, actor, spaceId, 'read');
    const change = parseQuotaBody(body);
    if (change.spaces !== undefined) {
      throw new SmhError('QuotaSpacesInvalid', 'Change the spaces of a quota by addressing it by its id.');
    }
    if (change.capacity === undefined) {
      throw new SmhError('QuotaCapacityRequired');
    }
    await this.deps.meta.transaction(async (tx) => {
      const quota = await tx.quotas.ofSpace(actor.library.id, spaceId);
      if (!quota) {
        throw new SmhError('NoQuota');
      }
      await this.apply(tx, actor.library, quota, change);
    });
  }

  /** Q5: every field optional; `spaces` replaces the covered set. */
  async updateById(actor: Actor, id: number, body: QuotaBody): Promise<void> {
    requireAdmin(actor);
    const change = parseQuotaBody(body);
    const spaceIds = this.coveredSpaces(actor.library, change.spaces, false);
    if (spaceIds) {
      await this.requireSpaces(actor, spaceIds);
    }
    await this.deps.meta.transaction(async (tx) => {
      const quota = await tx.quotas.get(actor.library.id, id);
      if (!quota) {
        throw new SmhError('QuotaNotFound');
      }
      await this.apply(tx, actor.library, quota, { ...change, spaces: spaceIds });
    });
  }

  private async apply(tx: MetaRepos, library: Library, quota: Quota, change: QuotaChange): Promise<void> {
    const policy = applyChange(quota, change);
    let used = quota.used;
    if (change.spaces) {
      used = await this.claimSpaces(tx, library, change.spaces, quota);
    }
    if (change.capacity !== undefined || change.spaces) {
      checkCapacity(library, policy.capacity, used);
    }
    await checkAllocation(tx, library, quota, policy.capacity);
    await tx.quotas.setPolicy(library.id, quota.id, policy, this.deps.clock.now());
    if (change.spaces) {
      await tx.quotas.setSpaces(library.id, quota.id, change.spaces, used);
    }
  }

  /**
   * Locks the spaces a quota is about to cover (and those it stops covering), so no size change
   * slips between reading their usage and linking them; returns the bytes they hold.
   */
  private async claimSpaces(tx: MetaRepos, library: Library, spaceIds: string[], quota: Quota | null): Promise<number> {
    const old = quota?.spaceIds ?? [];
    await tx.quotas.lockSpaces(library.id, old.filter((id) => !spaceIds.includes(id)));
    const locked = await tx.quotas.lockSpaces(library.id, spaceIds);
    if (locked.found.length !== spaceIds.length) {
      throw new SmhError('SpaceNotFound', 'A space of the quota does not exist (any more).');
    }
    for (const spaceId of spaceIds) {
      const other = await tx.quotas.ofSpace(library.id, spaceId);
      if (other && other.id !== quota?.id) {
        throw new SmhError('DuplicateQuota', `Space ${spaceId} already has quota ${other.id}.`);
      }
    }
    return locked.bytes;
  }

  /** Single-tenant libraries have the one space "-" and must not name spaces (core.md §5). */
  private coveredSpaces(library: Library, spaces: string[] | undefined, creating: boolean): string[] | undefined {
    if (!library.settings.isMultiSpace) {
      if (spaces !== undefined) {
        throw new SmhError('QuotaSpacesInvalid', 'Single-tenant libraries must not send spaces.');
      }
      return creating ? ['-'] : undefined;
    }
    if (creating && spaces === undefined) {
      throw new SmhError('QuotaSpacesRequired');
    }
    return spaces;
  }

  private async requireSpaces(actor: Actor, spaceIds: string[]): Promise<void> {
    for (const spaceId of spaceIds) {
      await requireSpace(this.deps.meta, actor, spaceId, 'read');
    }
  }
}

function definedOnly(change: QuotaChange): Partial<QuotaPolicy> {
  return Object.fromEntries(Object.entries(change).filter(([key, value]) => value !== undefined && key !== 'spaces'));
}

/** LibraryExtension.DenyOnQuotaLessThanUsage (core.md §7.4). */
function checkCapacity(library: Library, capacity: number, used: number): void {
  if (library.settings.denyOnQuotaLessThanUsage && capacity < used) {
    throw new SmhError('QuotaCapacityLessThanSize', `The spaces already hold ${used} bytes.`);
  }
}

/**
 * With a library quota, space quotas are carved out of it: their capacities together may not
 * grow past it (core.md S11 "availableSpace"). Shrinking is always allowed, so an admin can
 * get back under after lowering LibraryQuota.
 */
async function checkAllocation(tx: MetaRepos, library: Library, quota: Quota | null, capacity: number): Promise<void> {
  const limit = library.settings.enableQuota ? library.settings.libraryQuota : null;
  if (limit === null) {
    return;
  }
  const before = (await tx.quotas.list(library.id)).reduce((sum, item) => sum + item.capacity, 0);
  const after = before - (quota?.capacity ?? 0) + capacity;
  if (after > limit && after > before) {
    throw new SmhError('NoEnoughRemainingQuota', `${Math.max(0, limit - (before - (quota?.capacity ?? 0)))} bytes of the library quota are unallocated.`);
  }
}
