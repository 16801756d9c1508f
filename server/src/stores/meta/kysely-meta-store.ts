import { type Kysely, Migrator } from 'kysely';
import { SmhError } from '../../errors/smh-error.js';
import type { MetaRepos, MetaStore } from './meta-store.js';
import { type Dialect, migrationProvider } from './migrations/index.js';
import { blobRepo } from './repos/blob-repo.js';
import { entryRepo } from './repos/entry-repo.js';
import { favoriteRepo } from './repos/favorite-repo.js';
import { jobRepo } from './repos/job-repo.js';
import { libraryRepo } from './repos/library-repo.js';
import { recentRepo } from './repos/recent-repo.js';
import { recycleRepo } from './repos/recycle-repo.js';
import { searchRepo } from './repos/search-repo.js';
import { settingsRepo } from './repos/settings-repo.js';
import { spaceRepo } from './repos/space-repo.js';
import { tokenRepo } from './repos/token-repo.js';
import { uploadRepo } from './repos/upload-repo.js';
import type { Database } from './schema.js';

function reposOver(db: Kysely<Database>, dialect: Dialect): MetaRepos {
  return {
    libraries: libraryRepo(db),
    spaces: spaceRepo(db),
    tokens: tokenRepo(db),
    blobs: blobRepo(db),
    entries: entryRepo(db),
    uploads: uploadRepo(db),
    settings: settingsRepo(db),
    jobs: jobRepo(db, dialect),
    searches: searchRepo(db, dialect),
    favorites: favoriteRepo(db),
    recent: recentRepo(db),
    recycled: recycleRepo(db),
  };
}

/**
 * Brings the schema up to date. `schema` must be named on PostgreSQL when the tables live in a
 * non-default schema: Kysely otherwise finds its lock table in *any* schema and skips creating it.
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema: schema });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    throw error;
  }
}

const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const MAX_ATTEMPTS = 4;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && UNIQUE_VIOLATIONS.has(String((error as { code?: unknown }).code));
}

/** Wraps a Kysely instance (SQLite or PostgreSQL) as a MetaStore. */
export function kyselyMetaStore(db: Kysely<Database>, dialect: Dialect): MetaStore {
  return {
    dialect,
    ...reposOver(db, dialect),
    /**
     * Name races between API nodes are settled by the unique index, not by in-process locks: a
     * transaction that loses one is re-run, and re-reads the names that now exist.
     */
    async transaction(fn) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await db.transaction().execute((trx) => fn(reposOver(trx, dialect)));
        } catch (error) {
          if (!isUniqueViolation(error)) {
            throw error;
          }
          if (attempt === MAX_ATTEMPTS) {
            throw new SmhError('PathConflict', undefined, { cause: error });
          }
        }
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
