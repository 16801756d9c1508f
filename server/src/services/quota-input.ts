import { SmhError } from '../errors/smh-error.js';
import type { QuotaPolicy } from '../stores/meta/quota-store.js';

/** A Q1/Q4/Q5 body as it arrives (core.md §5); every field is checked here, for all three. */
export interface QuotaBody {
  spaces?: unknown;
  capacity?: unknown;
  removeWhenExceed?: unknown;
  removeAfterDays?: unknown;
  removeNewest?: unknown;
}

/** The fields a body sets; absent ones stay as they are (Q4/Q5) or take defaults (Q1). */
export interface QuotaChange {
  spaces?: string[];
  capacity?: number;
  removeWhenExceed?: boolean;
  removeAfterDays?: number;
  removeNewest?: boolean;
}

/** Enough for a quota shared by every space an admin would list by hand. */
const MAX_SPACES = 1000;
const MAX_REMOVE_AFTER_DAYS = 36500;

/**
 * Bytes as a number or a decimal string (SMH recommends strings: capacities pass 2^53 in JS
 * clients only as strings). We keep them exact as JS numbers, so the ceiling is 2^53 - 1 (8 PiB).
 */
function capacity(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new SmhError('QuotaCapacityInvalid', 'capacity must be a non-negative integer number of bytes (at most 2^53 - 1), as a number or a decimal string.');
  }
  return parsed;
}

function spaces(value: unknown): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SPACES || value.some((id) => typeof id !== 'string' || id === '')) {
    throw new SmhError('QuotaSpacesInvalid', `spaces must be a non-empty array of at most ${MAX_SPACES} space ids.`);
  }
  return [...new Set(value as string[])].sort();
}

function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw new SmhError('ParamInvalid', `${field} must be a boolean.`);
  }
  return value;
}

function days(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_REMOVE_AFTER_DAYS) {
    throw new SmhError('ParamInvalid', `removeAfterDays must be an integer between 0 and ${MAX_REMOVE_AFTER_DAYS}.`);
  }
  return value;
}

export function parseQuotaBody(body: QuotaBody): QuotaChange {
  return {
    spaces: spaces(body.spaces),
    capacity: capacity(body.capacity),
    removeWhenExceed: bool(body.removeWhenExceed, 'removeWhenExceed'),
    removeAfterDays: days(body.removeAfterDays),
    removeNewest: bool(body.removeNewest, 'removeNewest'),
  };
}

/** `change` over `base`: what Q4/Q5 store ("not given = unchanged"). */
export function applyChange(base: QuotaPolicy, change: QuotaChange): QuotaPolicy {
  return {
    capacity: change.capacity ?? base.capacity,
    removeWhenExceed: change.removeWhenExceed ?? base.removeWhenExceed,
    removeAfterDays: change.removeAfterDays ?? base.removeAfterDays,
    removeNewest: change.removeNewest ?? base.removeNewest,
  };
}

/** Q1's defaults for the policy fields SMH marks required but every SDK may leave out. */
export const DEFAULT_POLICY: Omit<QuotaPolicy, 'capacity'> = { removeWhenExceed: false, removeAfterDays: 0, removeNewest: false };
