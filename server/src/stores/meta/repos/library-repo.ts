import type { Kysely, Selectable } from 'kysely';
import { DEFAULT_SETTINGS } from '../../../services/library-settings.js';
import type { Library, LibraryRepo } from '../meta-store.js';
import type { Database, LibrariesTable } from '../schema.js';

function toLibrary(row: Selectable<LibrariesTable>): Library {
  return {
    id: row.id,
    name: row.name,
    remark: row.remark,
    secret: row.secret,
    // Settings added in later versions fall back to their defaults for old rows.
    settings: { ...DEFAULT_SETTINGS, ...JSON.parse(row.settings) },
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function libraryRepo(db: Kysely<Database>): LibraryRepo {
  return {
    async insert(library) {
      await db
        .insertInto('libraries')
        .values({
          id: library.id,
          name: library.name,
          remark: library.remark,
          secret: library.secret,
          settings: JSON.stringify(library.settings),
          created_at: library.createdAt,
          updated_at: library.updatedAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('libraries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toLibrary(row) : null;
    },
    async list(offset, limit, ids) {
      let query = db.selectFrom('libraries');
      if (ids && ids.length > 0) {
        query = query.where('id', 'in', ids);
      }
      const rows = await query.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute();
      const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: rows.map(toLibrary), total: Number(count.n) };
    },
    async update(library) {
      await db
        .updateTable('libraries')
        .set({
          name: library.name,
          remark: library.remark,
          secret: library.secret,
          settings: JSON.stringify(library.settings),
          updated_at: library.updatedAt,
        })
        .where('id', '=', library.id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom('libraries').where('id', '=', id).execute();
    },
  };
}
