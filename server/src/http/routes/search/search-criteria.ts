import { SmhError } from '../../../errors/smh-error.js';
import { type FileKind, isFileKind, normaliseExtension } from '../../../lib/file-kinds.js';
import type { OrderBy } from '../../../stores/meta/meta-store.js';
import type { SearchQuery } from '../../../stores/meta/search-store.js';

/** S1's JSON body (dirs.md §8) → our SearchQuery; every field is optional. */
const ORDER_BY: readonly OrderBy[] = ['name', 'modificationTime', 'size', 'creationTime', 'localCreationTime', 'localModificationTime'];
/** Bounds that keep one page a bounded query; past them SMH answers SearchTooComplex. */
const MAX_KEYWORDS = 20;
const MAX_ITEMS = 100;
const MAX_TEXT = 256;

type Body = Record<string, unknown>;

function invalid(message: string): SmhError {
  return new SmhError('ParamInvalid', message);
}

/** A string or an array of strings (SMH's `type` takes both), each at most MAX_TEXT long. */
export function stringList(body: Body, field: string, allowSingle: boolean): string[] {
  const value = body[field];
  if (value === undefined || value === null) {
    return [];
  }
  const list = allowSingle && typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.length > MAX_TEXT)) {
    throw invalid(`${field} must be an array of strings.`);
  }
  if (list.length > MAX_ITEMS) {
    throw new SmhError('SearchTooComplex', `${field} takes at most ${MAX_ITEMS} items.`);
  }
  return [...new Set(list as string[])];
}

function size(body: Body, field: string): number | null {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw invalid(`${field} must be a non-negative integer.`);
  }
  return number;
}

function time(body: Body, field: string): number | null {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new SmhError('InvalidTimeFormat', `${field} must be an ISO 8601 time.`);
  }
  return ms;
}

export function range(body: Body, kind: 'size' | 'time', fromField: string, toField: string): [number | null, number | null] {
  const read = kind === 'size' ? size : time;
  const from = read(body, fromField);
  const to = read(body, toField);
  if (from !== null && to !== null && from > to) {
    throw invalid(`${fromField} must not be greater than ${toField}.`);
  }
  return [from, to];
}

function keywords(body: Body): string[] {
  const value = body.keyword;
  if (value === undefined || value === null) {
    return [];
  }
  if (typeof value !== 'string' || value.length > 1024) {
    throw invalid('keyword must be a string of at most 1024 characters.');
  }
  const words = [...new Set(value.normalize('NFC').split(/\s+/).filter((word) => word !== ''))];
  if (words.length > MAX_KEYWORDS) {
    throw new SmhError('SearchTooComplex', `At most ${MAX_KEYWORDS} keywords.`);
  }
  return words;
}

/** `type`: kind names, each optionally negated with a leading '!'. */
function kinds(body: Body): { include: FileKind[]; exclude: FileKind[] } {
  const include: FileKind[] = [];
  const exclude: FileKind[] = [];
  for (const raw of stringList(body, 'type', true)) {
    const negated = raw.startsWith('!');
    const name = negated ? raw.slice(1) : raw;
    if (!isFileKind(name)) {
      throw invalid(`Unknown type "${raw}".`);
    }
    (negated ? exclude : include).push(name);
  }
  return { include, exclude };
}

/** `creators: [{userOrgId, userId}]` (Android/iOS) → creator user ids. */
function creators(body: Body): string[] {
  const value = body.creators;
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || value.length > MAX_ITEMS) {
    throw invalid(`creators must be an array of at most ${MAX_ITEMS} objects.`);
  }
  return value.map((item: unknown) => {
    const userId = typeof item === 'object' && item !== null ? (item as Body).userId : undefined;
    if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId).length > MAX_TEXT) {
      throw invalid('Each creator needs a userId.');
    }
    return String(userId);
  });
}

export function searchCriteria(body: Body): SearchQuery {
  const scope = body.scope ?? '';
  if (typeof scope !== 'string') {
    throw invalid('scope must be a directory path.');
  }
  const orderBy = body.orderBy ?? null;
  if (orderBy !== null && !ORDER_BY.includes(orderBy as OrderBy)) {
    throw invalid(`orderBy must be one of ${ORDER_BY.join(', ')}.`);
  }
  const direction = body.orderByType ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw invalid('orderByType must be asc or desc.');
  }
  if (body.searchMode !== undefined && body.searchMode !== 'fast' && body.searchMode !== 'normal') {
    throw invalid('searchMode must be fast or normal.');
  }
  const extensions = stringList(body, 'extname', true).map((raw) => {
    const ext = normaliseExtension(raw);
    if (ext === null) {
      throw invalid(`Invalid extname "${raw}".`);
    }
    return ext;
  });
  const { include, exclude } = kinds(body);
  const [minSize, maxSize] = range(body, 'size', 'minFileSize', 'maxFileSize');
  const [modifiedFrom, modifiedTo] = range(body, 'time', 'modificationTimeStart', 'modificationTimeEnd');
  const [createdFrom, createdTo] = range(body, 'time', 'creationTimeStart', 'creationTimeEnd');
  // The doc's example spells the key "categories " with a stray space (dirs.md §8 S1).
  const categoryField = body.categories === undefined && body['categories '] !== undefined ? 'categories ' : 'categories';
  return {
    scope,
    keywords: keywords(body),
    includeKinds: include,
    excludeKinds: exclude,
    extensions: [...new Set(extensions)],
    minSize,
    maxSize,
    modifiedFrom,
    modifiedTo,
    createdFrom,
    createdTo,
    labels: stringList(body, 'labels', false),
    categories: stringList(body, categoryField, false),
    creators: creators(body),
    orderBy: (orderBy as OrderBy | null) ?? 'relevance',
    descending: direction === 'desc',
  };
}
