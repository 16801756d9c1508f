import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Adds children f<from>…f<to-1> to folder `parent` straight in the metadata database (a million
 * uploads through HTTP would take the benchmark hours); the rows are what an upload writes.
 */
export interface Populator {
  add(libraryId: string, parent: string, from: number, to: number): Promise<void>;
  close(): Promise<void>;
}

const COLUMNS =
  'id, library_id, space_id, path, parent, name, type, blob_key, size, content_type, crc64, etag, meta, labels, category, local_creation_time, local_modification_time, user_id, version_id, revision, created_at, modified_at';

export function sqlitePopulator(file: string): Populator {
  const db = new Database(file);
  db.pragma('busy_timeout = 60000');
  const insert = db.prepare(`insert into entries (${COLUMNS}) values (?, ?, '-', ?, ?, ?, 'file', null, ?, 'application/octet-stream', '0', '"0"', '{}', '[]', '', '', '', 'bench', 1, 1, ?, ?)`);
  return {
    async add(libraryId, parent, from, to) {
      for (let start = from; start < to; start += 20_000) {
        const end = Math.min(to, start + 20_000);
        db.transaction(() => {
          for (let i = start; i < end; i += 1) {
            const name = `f${String(i).padStart(8, '0')}`;
            insert.run(`bench-${parent}-${i}`, libraryId, `${parent}/${name}`, parent, name, (i * 7919) % 100_000, 1_700_000_000_000 + i, 1_700_000_000_000 + i);
          }
        })();
        await new Promise((done) => setImmediate(done));
      }
    },
    async close() {
      db.close();
    },
  };
}

export function postgresPopulator(url: string, schema: string): Populator {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async add(libraryId, parent, from, to) {
      await connected;
      for (let start = from; start < to; start += 100_000) {
        const end = Math.min(to, start + 100_000);
        await client.query(
          `insert into "${schema}".entries (${COLUMNS})
           select 'bench-' || $2 || '-' || g, $1, '-', $2 || '/f' || lpad(g::text, 8, '0'), $2, 'f' || lpad(g::text, 8, '0'), 'file', null,
                  (g * 7919) % 100000, 'application/octet-stream', '0', '"0"', '{}', '[]', '', '', '', 'bench', 1, 1, 1700000000000 + g, 1700000000000 + g
           from generate_series($3::int, $4::int - 1) g`,
          [libraryId, parent, start, end],
        );
      }
      await client.query(`analyze "${schema}".entries`);
    },
    async close() {
      await connected;
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}
