import { usageError } from './cli-error.js';

/**
 * Turns `--set Key=Value` text into the JSON value SMH's LibraryExtension expects, so that
 * `UseRecycleBin=true` sends a boolean and `AutoRemoveRecycledDays=30` a number. The server
 * stays the judge of which fields and types are valid.
 */
export function coerceSetValue(key: string, raw: string): unknown {
  const text = raw.trim();
  if (text === 'null') {
    return null;
  }
  // The *ExtName fields are string arrays (allowed file extensions); a comma list is the natural spelling.
  if (key.endsWith('ExtName')) {
    return text === '' ? [] : text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  }
  if (text === 'true' || text === 'false') {
    return text === 'true';
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  return raw;
}

/** Reads every `Key=Value` item into one object; a later item for the same key wins. */
export function parseSetOptions(items: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    const key = at < 0 ? '' : item.slice(0, at).trim();
    if (key === '') {
      throw usageError(`--set expects Key=Value, got "${item}"`);
    }
    out[key] = coerceSetValue(key, item.slice(at + 1));
  }
  return out;
}
