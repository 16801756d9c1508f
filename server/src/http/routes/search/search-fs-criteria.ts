import { SmhError } from '../../../errors/smh-error.js';
import { type FileKind, normaliseExtension } from '../../../lib/file-kinds.js';
import type { OrderBy } from '../../../stores/meta/meta-store.js';
import type { SearchQuery } from '../../../stores/meta/search-store.js';
import { range, stringList } from './search-criteria.js';

/** S4/S5's JSON body (dirs.md §8 S4): the index-search filters → our SearchQuery. */
type Body = Record<string, unknown>;

const ORDER_BY: readonly OrderBy[] = ['name', 'modificationTime', 'size', 'creationTime', 'localCreationTime', 'localModificationTime'];
const FILE_TYPES = ['all', 'dir', 'file', 'symlink'] as const;

function invalid(message: string): SmhError {
  return new SmhError('ParamInvalid', message);
}

/** A list of at most `max` strings, each at most `runes` code points. */
function bounded(body: Body, field: string, max: number, runes: number): string[] {
  const list = stringList(body, field, false);
  if (list.length > max || list.some((item) => [...item].length > runes)) {
    throw invalid(`${field} takes at most ${max} strings of at most ${runes} characters.`);
  }
  return list;
}

function extensions(body: Body, field: string): string[] {
  return bounded(body, field, 20, 10).map((raw) => {
    const ext = normaliseExtension(raw);
    if (ext === null) {
      throw invalid(`Invalid extension "${raw}" in ${field}.`);
    }
    return ext;
  });
}

/** `fileTypes`: one value or a list of all | dir | file | symlink. */
function fileTypes(body: Body): { kinds: FileKind[]; entryTypes: string[] } {
  const values = stringList(body, 'fileTypes', true);
  const unknown = values.find((value) => !(FILE_TYPES as readonly string[]).includes(value));
  if (unknown !== undefined) {
    throw invalid(`fileTypes must be among ${FILE_TYPES.join(', ')}; got "${unknown}".`);
  }
  if (values.length === 0 || values.includes('all')) {
    return { kinds: [], entryTypes: [] };
  }
  if (values.includes('symlink')) {
    // symlink is an entry type, not a kind: list the types explicitly.
    const types = values.flatMap((value) => (value === 'file' ? ['file', 'image', 'video', 'virtual'] : [value]));
    return { kinds: [], entryTypes: [...new Set(types)] };
  }
  return { kinds: values as FileKind[], entryTypes: [] };
}

/** The filters S4 and S5 share. */
export function indexSearchCriteria(body: Body): SearchQuery {
  const scope = body.scope ?? '';
  if (typeof scope !== 'string') {
    throw invalid('scope must be a directory path.');
  }
  const keywords = bounded(body, 'keywords', 100, 256).map((word) => word.normalize('NFC').trim()).filter((word) => word !== '');
  const orderBy = body.orderBy ?? null;
  if (orderBy !== null && !ORDER_BY.includes(orderBy as OrderBy)) {
    throw invalid(`orderBy must be one of ${ORDER_BY.join(', ')}.`);
  }
  const direction = body.orderByType ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw invalid('orderByType must be asc or desc.');
  }
  const { kinds, entryTypes } = fileTypes(body);
  const [minSize, maxSize] = range(body, 'size', 'minFileSize', 'maxFileSize');
  const [modifiedFrom, modifiedTo] = range(body, 'time', 'modificationTimeStart', 'modificationTimeEnd');
  return {
    scope,
    keywords: [...new Set(keywords)],
    includeKinds: kinds,
    excludeKinds: [],
    extensions: [...new Set(extensions(body, 'inExtnames'))],
    excludeExtensions: [...new Set(extensions(body, 'excludeExtnames'))],
    entryTypes,
    minSize,
    maxSize,
    modifiedFrom,
    modifiedTo,
    createdFrom: null,
    createdTo: null,
    labels: bounded(body, 'labels', 20, 32),
    categories: bounded(body, 'categories', 20, 16),
    creators: [],
    orderBy: (orderBy as OrderBy | null) ?? 'relevance',
    descending: direction === 'desc',
  };
}
