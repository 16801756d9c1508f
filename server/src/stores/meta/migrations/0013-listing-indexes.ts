import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './dialect.js';

/** The order columns of `order_by` (entry-repo.ts ORDER_COLUMNS), each with its index name. */
const ORDERED = [
  ['name', 'entries_list_name'],
  ['modified_at', 'entries_list_modified'],
  ['size', 'entries_list_size'],
  ['created_at', 'entries_list_created'],
  ['local_creation_time', 'entries_list_local_created'],
  ['local_modification_time', 'entries_list_local_modified'],
] as const;

/**
 * Directory listings that stay flat from a thousand to a million children. SMH lists directories
 * before files; sorting on `CASE type WHEN 'dir' …` cannot use an index, so `dir_first` (0 for a
 * directory, 1 otherwise) is a generated column — no write path sets it — and each order column
 * gets an index (library, space, parent, dir_first, column, name). A listing reads each group with
 * `dir_first = ?` as an index range scan in the requested order, and counts children from the
 * same index without touching table rows.
 */
export function listingIndexes(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const expression = sql`case when type = 'dir' then 0 else 1 end`;
      await db.schema
        .alterTable('entries')
        // SQLite can only add VIRTUAL generated columns; PostgreSQL only has STORED ones.
        .addColumn('dir_first', 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAs(expression).stored() : c.generatedAlwaysAs(expression)))
        .execute();
      for (const [column, index] of ORDERED) {
        await db.schema
          .createIndex(index)
          .on('entries')
          .columns(['library_id', 'space_id', 'parent', 'dir_first', column, ...(column === 'name' ? [] : ['name'])])
          .execute();
      }
    },
  };
}
