import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Entry, ListChildrenOptions, ListCursor } from '../meta-store.js';
import type { Database } from '../schema.js';
import { ORDER_COLUMNS, toEntry } from './entry-repo.js';

type Group = 0 | 1;
const DIRS: Group = 0;
const FILES: Group = 1;

/**
 * One page of a directory's children in SMH's order. Each group (directories, then files) is read
 * on its own with `dir_first = ?`, so the listing indexes of migration 0013 return rows already in
 * order and a page costs the same in a folder of a million entries as in one of a hundred.
 * `sort_type=union` merges the two groups' pages.
 */
export async function listChildren(db: Kysely<Database>, libraryId: string, spaceId: string, parent: string, options: ListChildrenOptions): Promise<Entry[]> {
  const scope: Scope = { db, libraryId, spaceId, parent, options };
  if (options.union) {
    return listUnion(scope);
  }
  const groups: Group[] = options.filter === 'onlyDir' ? [DIRS] : options.filter === 'onlyFile' ? [FILES] : [DIRS, FILES];
  const after = options.after;
  const rows: Entry[] = [];
  let offset = options.offset;
  for (const group of groups) {
    if (after && !after.isDir && group === DIRS) {
      continue; // a file marker: every directory came before it
    }
    const limit = options.limit - rows.length;
    if (limit <= 0) {
      break;
    }
    const cursor = after && after.isDir === (group === DIRS) ? after : undefined;
    const page = await readGroup(scope, group, { cursor, offset, limit });
    rows.push(...page);
    if (offset > 0 && group === DIRS) {
      // Page paging: the offset continues into the files past however many directories there are.
      offset = page.length > 0 ? 0 : Math.max(0, offset - (await countGroup(scope, DIRS)));
    }
  }
  return rows;
}

interface Scope {
  db: Kysely<Database>;
  libraryId: string;
  spaceId: string;
  parent: string;
  options: ListChildrenOptions;
}

function inGroup(scope: Scope, group: Group) {
  return scope.db
    .selectFrom('entries')
    .where('library_id', '=', scope.libraryId)
    .where('space_id', '=', scope.spaceId)
    .where('parent', '=', scope.parent)
    .where('dir_first', '=', group)
    // leaves out the root (whose parent is '' too); on `name`, which the index holds, not `path`
    .where('name', '<>', '');
}

async function countGroup(scope: Scope, group: Group): Promise<number> {
  const row = await inGroup(scope, group).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function readGroup(scope: Scope, group: Group, page: { cursor?: ListCursor; offset: number; limit: number }): Promise<Entry[]> {
  const { options } = scope;
  const column = ORDER_COLUMNS[options.orderBy];
  const direction = options.descending ? 'desc' : 'asc';
  let query = inGroup(scope, group).selectAll();
  if (page.cursor) {
    query = query.where(afterInGroup(options, page.cursor));
  }
  query = query.orderBy(column, direction);
  if (options.orderBy !== 'name') {
    query = query.orderBy('name', 'asc');
  }
  const rows = await query.offset(page.offset).limit(page.limit).execute();
  return rows.map(toEntry);
}

/**
 * Rows after `cursor` within its group: the order column first, then name ascending. The bound on
 * the order column alone (`>=`/`<=`) is what the index seeks to; the rest only filters ties.
 */
function afterInGroup(options: ListChildrenOptions, cursor: ListCursor) {
  return (eb: ExpressionBuilder<Database, 'entries'>) => {
    const cmp = options.descending ? '<' : '>';
    if (options.orderBy === 'name') {
      return eb('name', cmp, cursor.name);
    }
    const column = eb.ref(ORDER_COLUMNS[options.orderBy]);
    return eb.and([
      eb(column, options.descending ? '<=' : '>=', cursor.key),
      eb.or([eb(column, cmp, cursor.key), eb('name', '>', cursor.name)]),
    ]);
  };
}

/** Both groups in one order: each group's first offset+limit rows, merged. */
async function listUnion(scope: Scope): Promise<Entry[]> {
  const { options } = scope;
  const groups: Group[] = options.filter === 'onlyDir' ? [DIRS] : options.filter === 'onlyFile' ? [FILES] : [DIRS, FILES];
  const want = options.offset + options.limit;
  const pages = await Promise.all(groups.map((group) => readGroup(scope, group, { cursor: options.after, offset: 0, limit: want })));
  const merged = pages.flat().sort((a, b) => compareInOrder(options, a, b));
  return merged.slice(options.offset, want);
}

/** The SQL order in JS: the order column, then name; text byte-wise as the C/BINARY collations. */
function compareInOrder(options: ListChildrenOptions, a: Entry, b: Entry): number {
  const key = (entry: Entry): string | number => {
    switch (options.orderBy) {
      case 'name':
        return entry.name;
      case 'modificationTime':
        return entry.modifiedAt;
      case 'size':
        return entry.size;
      case 'creationTime':
        return entry.createdAt;
      case 'localCreationTime':
        return entry.localCreationTime;
      case 'localModificationTime':
        return entry.localModificationTime;
    }
  };
  const byKey = compareValues(key(a), key(b));
  const primary = options.descending ? -byKey : byKey;
  return primary !== 0 || options.orderBy === 'name' ? primary : compareValues(a.name, b.name);
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}
