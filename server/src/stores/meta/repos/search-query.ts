import { type Kysely, type RawBuilder, type Selectable, sql, type SqlBool } from 'kysely';
import type { Dialect } from '../migrations/dialect.js';
import type { Database, EntriesTable } from '../schema.js';
import type { SearchCursor, SearchHit, SearchQuery } from '../search-store.js';
import { allOf, belowScope, type Condition, hasAnyLabel, hasExtension, isKind, kindOrExtension } from './entry-filters.js';
import { ORDER_COLUMNS, toEntry } from './entry-repo.js';
import { inSpace, nameContains, nameContainsAny } from './keyword-match.js';

const NUMERIC_COLUMNS: readonly string[] = ['modified_at', 'size', 'created_at'];

function criteria(dialect: Dialect, query: SearchQuery): Condition[] {
  const parts = [belowScope(query.scope)];
  if (query.keywords.length > 0) {
    parts.push(nameContainsAny(dialect, query.keywords));
  }
  const included = kindOrExtension(query.includeKinds, []);
  if (included) {
    parts.push(included);
  }
  for (const kind of query.excludeKinds) {
    parts.push(sql<SqlBool>`not ${isKind(kind)}`);
  }
  if (query.extensions.length > 0) {
    parts.push(hasExtension(query.extensions));
  }
  if (query.excludeExtensions && query.excludeExtensions.length > 0) {
    parts.push(sql<SqlBool>`not ${hasExtension(query.excludeExtensions)}`);
  }
  if (query.entryTypes && query.entryTypes.length > 0) {
    parts.push(sql<SqlBool>`entries.type in (${sql.join(query.entryTypes)})`);
  }
  // Directories have no size: a size bound keeps files only.
  if (query.minSize !== null) {
    parts.push(sql<SqlBool>`(entries.type <> 'dir' and entries.size >= ${query.minSize})`);
  }
  if (query.maxSize !== null) {
    parts.push(sql<SqlBool>`(entries.type <> 'dir' and entries.size <= ${query.maxSize})`);
  }
  const ranges = [
    ['modified_at', query.modifiedFrom, query.modifiedTo],
    ['created_at', query.createdFrom, query.createdTo],
  ] as const;
  for (const [column, from, to] of ranges) {
    if (from !== null) {
      parts.push(sql<SqlBool>`${sql.ref(`entries.${column}`)} >= ${from}`);
    }
    if (to !== null) {
      parts.push(sql<SqlBool>`${sql.ref(`entries.${column}`)} <= ${to}`);
    }
  }
  if (query.labels.length > 0) {
    parts.push(hasAnyLabel(query.labels));
  }
  if (query.categories.length > 0) {
    parts.push(sql<SqlBool>`entries.category in (${sql.join(query.categories)})`);
  }
  if (query.creators.length > 0) {
    parts.push(sql<SqlBool>`entries.user_id in (${sql.join(query.creators)})`);
  }
  return parts;
}

/** How many keywords a row's name contains; null unless relevance order needs it. */
function rankOf(dialect: Dialect, query: SearchQuery): RawBuilder<number> | null {
  if (query.orderBy !== 'relevance' || query.keywords.length < 2) {
    return null;
  }
  const hits = query.keywords.map((keyword) => sql`case when ${nameContains(dialect, keyword)} then 1 else 0 end`);
  return sql<number>`(${sql.join(hits, sql` + `)})`;
}

/**
 * One page of a search: the criteria, then keyset paging over (rank desc,) order column, id —
 * no OFFSET, so deep pages cost the same as the first. Without keywords the (library, space,
 * name|modified_at, id) indexes let the database walk rows in result order and stop early.
 */
export async function findEntries(
  db: Kysely<Database>,
  dialect: Dialect,
  target: { libraryId: string; spaceId: string },
  query: SearchQuery,
  after: SearchCursor | null,
  limit: number,
): Promise<SearchHit[]> {
  const column = query.orderBy === 'relevance' ? 'name' : ORDER_COLUMNS[query.orderBy];
  const ref = sql.ref(`entries.${column}`);
  const rank = rankOf(dialect, query);
  const op = sql.raw(query.descending ? '<' : '>');
  const parts = criteria(dialect, query);
  if (after) {
    // A row-value comparison, so an index on (…, column, id) seeks straight to the cursor.
    const byKey = sql<SqlBool>`((${ref}, entries.id) ${op} (${after.key}, ${after.id}))`;
    parts.push(rank ? sql<SqlBool>`(${rank} < ${after.rank} or (${rank} = ${after.rank} and ${byKey}))` : byKey);
  }
  let select = db
    .selectFrom('entries')
    .selectAll('entries')
    .select((rank ?? sql<number>`0`).as('rank'))
    .where(inSpace(dialect, query.keywords, target.libraryId, target.spaceId))
    .where(allOf(parts));
  if (rank) {
    select = select.orderBy(rank, 'desc');
  }
  // Ties go by id in the same direction, so (library, space, column, id) indexes serve the whole order.
  const direction = query.descending ? 'desc' : 'asc';
  const rows = await select
    .orderBy(ref, direction)
    .orderBy('entries.id', direction)
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const raw = (row as unknown as Record<string, string | number>)[column] as string | number;
    const key = NUMERIC_COLUMNS.includes(column) ? Number(raw) : String(raw);
    return { entry: toEntry(row as Selectable<EntriesTable>), cursor: { key, rank: Number(row.rank), id: row.id } };
  });
}
