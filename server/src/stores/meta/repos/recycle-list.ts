import { type Kysely, type RawBuilder, type Selectable, sql, type SqlBool } from 'kysely';
import type { EntryType } from '../meta-store.js';
import { DAY_MS, type RecycledItem, type RecycledListRow, type RecycleListOptions, type RecycleOrder } from '../recycle-store.js';
import type { Database, EntriesTable, RecycledItemsTable } from '../schema.js';
import { toEntry } from './entry-repo.js';

/** Sorts "kept forever" after every real expiry time (the largest valid JS Date). */
const FOREVER = 8_640_000_000_000_000;

export function toRecycledItem(row: Selectable<RecycledItemsTable>): RecycledItem {
  return {
    id: Number(row.id),
    libraryId: row.library_id,
    spaceId: row.space_id,
    entryId: row.entry_id,
    path: row.path,
    type: row.type as EntryType,
    size: Number(row.size),
    fileCount: Number(row.file_count),
    dirCount: Number(row.dir_count),
    removedAt: Number(row.removed_at),
    removedBy: row.removed_by,
    retentionDays: Number(row.retention_days),
  };
}

/**
 * The sort key of an order. remainingTime follows the effective expiry: the item's stamped one,
 * or the space's current retention when that is longer (dirs.md §6: a longer retention applies
 * to existing items too); 0 days means forever.
 */
function orderKey(orderBy: RecycleOrder, currentDays: number): RawBuilder<string | number> {
  switch (orderBy) {
    case 'name':
      return sql`entries.name`;
    case 'modificationTime':
      return sql`entries.modified_at`;
    case 'size':
      return sql`recycled_items.size`;
    case 'removalTime':
      return sql`recycled_items.removed_at`;
    case 'remainingTime': {
      if (currentDays === 0) {
        return sql`${sql.lit(FOREVER)}`;
      }
      // Literals, not parameters: PostgreSQL cannot type a bare parameter in a select list.
      const byCurrent = sql`(recycled_items.removed_at + ${sql.lit(currentDays * DAY_MS)})`;
      return sql`(case when recycled_items.expires_at is null then ${sql.lit(FOREVER)}
        when recycled_items.expires_at > ${byCurrent} then recycled_items.expires_at else ${byCurrent} end)`;
    }
  }
}

const ITEM_COLUMNS = [
  'id',
  'library_id',
  'space_id',
  'entry_id',
  'path',
  'type',
  'size',
  'file_count',
  'dir_count',
  'removed_at',
  'removed_by',
  'retention_days',
  'expires_at',
  'purging',
] as const;

/**
 * One page of a space's bin joined with each item's root entry, keyset-paged over (key, id):
 * a row-value comparison both dialects evaluate, so markers survive deletions between pages.
 */
export async function listRecycled(
  db: Kysely<Database>,
  libraryId: string,
  spaceId: string,
  options: RecycleListOptions,
): Promise<RecycledListRow[]> {
  const key = orderKey(options.orderBy, options.currentRetentionDays);
  const direction = options.descending ? 'desc' : 'asc';
  let query = db
    .selectFrom('recycled_items')
    .innerJoin('entries', 'entries.id', 'recycled_items.entry_id')
    .selectAll('entries')
    .select(ITEM_COLUMNS.map((column) => sql.ref(`recycled_items.${column}`).as(`ri_${column}`)))
    .select(key.as('sort_key'))
    .where('recycled_items.library_id', '=', libraryId)
    .where('recycled_items.space_id', '=', spaceId)
    .where('recycled_items.purging', '=', 0);
  const after = options.after;
  if (after) {
    const op = sql.raw(options.descending ? '<' : '>');
    query = query.where(sql<SqlBool>`((${key}, recycled_items.id) ${op} (${after.key}, ${after.id}))`);
  }
  const rows = await query
    .orderBy(key, direction)
    .orderBy('recycled_items.id', direction)
    .offset(options.offset)
    .limit(options.limit)
    .execute();
  return rows.map((raw) => {
    const row = raw as unknown as Record<string, unknown>;
    const itemRow = Object.fromEntries(ITEM_COLUMNS.map((column) => [column, row[`ri_${column}`]]));
    const item = toRecycledItem(itemRow as unknown as Selectable<RecycledItemsTable>);
    const sortKey = options.orderBy === 'name' ? String(row.sort_key) : Number(row.sort_key);
    return { item, entry: toEntry(raw as Selectable<EntriesTable>), cursor: { key: sortKey, id: item.id } };
  });
}
