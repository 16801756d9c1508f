import { SmhError } from '../errors/smh-error.js';
import type { ErrorCode } from '../errors/codes.js';
import type { LibrarySettings } from './library-settings.js';

/** H5's body (files.md §9.6), checked: every field optional, partial updates allowed. */
export interface HistoryConfigPatch {
  enableFileHistory?: boolean;
  fileHistoryCount?: number;
  fileHistoryExpireDay?: number;
  fileHistoryMergeInterval?: number;
  isClearFileHistory?: boolean;
}

function optionalBool(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw new SmhError('ParamInvalid', `${field} must be true or false.`);
  }
  return value;
}

/** An integer (also as a decimal string, which SMH clients send for numbers elsewhere) that `fits`. */
function optionalInt(body: Record<string, unknown>, field: string, code: ErrorCode, fits: (n: number) => boolean, rule: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || !fits(number)) {
    throw new SmhError(code, `${field} must be ${rule}.`);
  }
  return number;
}

/** Validates H5's body with SMH's own codes (InvalidFileHistoryCount, …ExpireDay, …MergeInterval). */
export function parseHistoryConfig(body: Record<string, unknown>): HistoryConfigPatch {
  const merge = body.mergeInterval !== undefined ? 'mergeInterval' : 'fileHistoryMergeInterval';
  return {
    enableFileHistory: optionalBool(body, 'enableFileHistory'),
    fileHistoryCount: optionalInt(body, 'fileHistoryCount', 'InvalidFileHistoryCount', (n) => n >= 1 && n <= 999, 'an integer from 1 to 999'),
    fileHistoryExpireDay: optionalInt(body, 'fileHistoryExpireDay', 'InvalidFileHistoryExpireDay', (n) => n >= 0 && n <= 999, 'an integer from 0 (never) to 999'),
    fileHistoryMergeInterval: optionalInt(body, merge, 'InvalidFileHistoryMergeInterval', (n) => n === 0 || (n >= 5 && n <= 600), '0 or an integer from 5 to 600'),
    isClearFileHistory: optionalBool(body, 'isClearFileHistory'),
  };
}

/** The settings after H5; enabling needs a count and an expiry, given now or earlier ("required the first time"). */
export function applyHistoryConfig(settings: LibrarySettings, patch: HistoryConfigPatch): LibrarySettings {
  const next: LibrarySettings = {
    ...settings,
    enableFileHistory: patch.enableFileHistory ?? settings.enableFileHistory,
    fileHistoryCount: patch.fileHistoryCount ?? settings.fileHistoryCount,
    fileHistoryExpireDay: patch.fileHistoryExpireDay ?? settings.fileHistoryExpireDay,
    fileHistoryMergeInterval: patch.fileHistoryMergeInterval ?? settings.fileHistoryMergeInterval,
  };
  if (next.enableFileHistory && next.fileHistoryCount === null) {
    throw new SmhError('InvalidFileHistoryCount', 'fileHistoryCount is required when history is enabled the first time.');
  }
  if (next.enableFileHistory && next.fileHistoryExpireDay === null) {
    throw new SmhError('InvalidFileHistoryExpireDay', 'fileHistoryExpireDay is required when history is enabled the first time.');
  }
  return next;
}
