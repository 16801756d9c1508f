import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './dialect.js';

/**
 * Substring search over entry names (dirs.md §8), indexed on both dialects:
 * - SQLite: an external-content FTS5 table with the trigram tokenizer over entries.name, keyed
 *   by the entries table's implicit rowid and kept in sync by triggers. The rowid of a table
 *   without INTEGER PRIMARY KEY may change on VACUUM; after a VACUUM run
 *   `insert into entries_fts(entries_fts) values('rebuild')`.
 * - PostgreSQL: a pg_trgm GIN index on lower(name), used by `lower(name) like '%kw%'`.
 * Plus (library, space, order column, id) indexes so keyword-less searches walk an index in
 * result order and stop after one page, and the search task tables.
 */
async function sqliteNameIndex(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table entries_fts using fts5(name, content='entries', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`create trigger entries_fts_insert after insert on entries begin
      insert into entries_fts(rowid, name) values (new.rowid, new.name);
    end`.execute(db);
  await sql`create trigger entries_fts_delete after delete on entries begin
      insert into entries_fts(entries_fts, rowid, name) values ('delete', old.rowid, old.name);
    end`.execute(db);
  // Moves rewrite every row of a subtree but rename only its root: skip unchanged names.
  await sql`create trigger entries_fts_rename after update of name on entries when old.name is not new.name begin
      insert into entries_fts(entries_fts, rowid, name) values ('delete', old.rowid, old.name);
      insert into entries_fts(rowid, name) values (new.rowid, new.name);
    end`.execute(db);
  await sql`insert into entries_fts(entries_fts) values ('rebuild')`.execute(db);
}

async function postgresNameIndex(db: Kysely<unknown>): Promise<void> {
  // Extensions are per database, not per schema: install it once into public (a per-tenant
  // schema would take it along when dropped) and name its operator class by its real schema.
  // Kysely's migration lock is database-wide, so concurrent migrators do not race here.
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  const found = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  const schema = found.rows[0]?.schema ?? 'public';
  await sql`create index entries_name_trgm on entries using gin (lower(name) ${sql.id(schema, 'gin_trgm_ops')})`.execute(db);
}

export function search(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        await sqliteNameIndex(db);
      } else {
        await postgresNameIndex(db);
      }
      await db.schema.createIndex('entries_space_name').on('entries').columns(['library_id', 'space_id', 'name', 'id']).execute();
      await db.schema
        .createIndex('entries_space_modified')
        .on('entries')
        .columns(['library_id', 'space_id', 'modified_at', 'id'])
        .execute();
      await db.schema
        .createTable('searches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('searches_expiry').on('searches').column('expires_at').execute();
      await db.schema
        .createTable('search_markers')
        .addColumn('search_id', 'text', (c) => c.notNull())
        .addColumn('marker', 'integer', (c) => c.notNull())
        .addColumn('cursor', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_markers_pk', ['search_id', 'marker'])
        .execute();
    },
  };
}
