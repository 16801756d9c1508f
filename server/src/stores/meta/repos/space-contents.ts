import type { Kysely } from 'kysely';
import type { Entry, SpaceContentsOptions } from '../meta-store.js';
import type { Database } from '../schema.js';
import { ORDER_COLUMNS, toEntry } from './entry-repo.js';

/**
 * D14's flat listing: every entry of a live space but its root, in one order with the id breaking ties
 * (the index of migration 0003 covers name + id), paged by keyset so entries added or removed between pages neither
 * repeat nor vanish from a client's walk.
 */
export async function listSpaceContents(db: Kysely<Database>, libraryId: string, spaceId: string, options: SpaceContentsOptions): Promise<Entry[]> {
  const column = ORDER_COLUMNS[options.orderBy];
  const direction = options.descending ? 'desc' : 'asc';
  let query = db
    .selectFrom('entries')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('space_id', '=', spaceId)
    .where('path', '<>', '');
  if (options.filter === 'onlyDir') {
    query = query.where('type', '=', 'dir');
  } else if (options.filter === 'onlyFile') {
    query = query.where('type', '<>', 'dir');
  }
  if (options.category !== undefined) {
    query = query.where('category', '=', options.category);
  }
  const after = options.after;
  if (after) {
    const cmp = options.descending ? '<' : '>';
    query = query.where((eb) => eb.or([eb(eb.ref(column), cmp, after.key), eb.and([eb(eb.ref(column), '=', after.key), eb('id', '>', after.id)])]));
  }
  const rows = await query.orderBy(column, direction).orderBy('id', 'asc').limit(options.limit).execute();
  return rows.map(toEntry);
}
