import type { Quota } from '../../stores/meta/quota-store.js';

/**
 * Quotas on the wire (core.md §5): byte counts as decimal strings, ids as numbers. The policy
 * fields are reported back too; SMH's own responses only name `id`/`spaces` and `capacity`.
 */
function policyOf(quota: Quota) {
  return { removeWhenExceed: quota.removeWhenExceed, removeAfterDays: quota.removeAfterDays, removeNewest: quota.removeNewest };
}

/** Q2 / Q2b: the quota of a space. */
export function presentSpaceQuota(quota: Quota): Record<string, unknown> {
  return { id: quota.id, capacity: String(quota.capacity), ...policyOf(quota) };
}

/** Q3: a quota by id. */
export function presentQuotaInfo(quota: Quota): Record<string, unknown> {
  return { spaces: quota.spaceIds, capacity: String(quota.capacity), ...policyOf(quota) };
}

/** Bytes as SMH's usage endpoints send them: strings, null for "unlimited / no quota". */
export function bytesOrNull(value: number | null): string | null {
  return value === null ? null : String(value);
}
