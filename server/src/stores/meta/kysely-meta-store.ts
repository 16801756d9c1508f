import { type Kysely, Migrator } from 'kysely';
import { SmhError } from '../../errors/smh-error.js';
import { faultPoint } from '../../lib/fault-points.js';
import type { MetaRepos, MetaStore } from './meta-store.js';
import { type Dialect, migrationProvider } from './migrations/index.js';
import { blobRepo } from './repos/blob-repo.js';
import { entryRepo } from './repos/entry-repo.js';
import { feedRepo } from './repos/feed-repo.js';
import { favoriteRepo } from './repos/favorite-repo.js';
import { jobRepo } from './repos/job-repo.js';
import { libraryRepo } from './repos/library-repo.js';
import { orphanRepo } from './repos/orphan-repo.js';
import { opsRepo } from './repos/ops-repo.js';
import { quotaRepo } from './repos/quota-repo.js';
import { recentRepo } from './repos/recent-repo.js';
import { renditionRepo } from './repos/rendition-repo.js';
import { recycleRepo } from './repos/recycle-repo.js';
import { searchRepo } from './repos/search-repo.js';
import { settingsRepo } from './repos/settings-repo.js';
import { shareRepo } from './repos/share-repo.js';
import { spaceRepo } from './repos/space-repo.js';
import { tokenRepo } from './repos/token-repo.js';
import { uploadRepo } from './repos/upload-repo.js';
import { versionRepo } from './repos/version-repo.js';
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
    quotas: quotaRepo(db),
    versions: versionRepo(db),
    shares: shareRepo(db, dialect),
    feed: feedRepo(db),
    orphans: orphanRepo(db),
    ops: opsRepo(db),
    renditions: renditionRepo(db),
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
/** PostgreSQL's "could not serialize access" and "deadlock detected": the transaction may simply be re-run. */
const SERIALIZATION_FAILURES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 20;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code) : '';
}

function pause(attempt: number): Promise<void> {
  // Jittered backoff so two transactions that collided do not collide again in lockstep.
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * 2 ** Math.min(attempt, 6)));
}

/**
 * Directory revisions (their eTags) are bumped after the commit, in their own statements: every
 * write into a directory touches its row, and inside a SERIALIZABLE transaction that one hot row
 * would make parallel uploads into the same folder abort each other. A crash between commit and
 * bump only leaves an eTag one change behind (a client may see a cached listing once more).
 */
function deferTouches(repos: MetaRepos, touched: Map<string, [string, string, string, number]>): MetaRepos {
  return {
    ...repos,
    entries: {
      ...repos.entries,
      async touch(libraryId, spaceId, path, now) {
        touched.set(`${libraryId}\n${spaceId}\n${path}`, [libraryId, spaceId, path, now]);
      },
    },
  };
}

/** Wraps a Kysely instance (SQLite or PostgreSQL) as a MetaStore. */
export function kyselyMetaStore(db: Kysely<Database>, dialect: Dialect): MetaStore {
  const direct = reposOver(db, dialect);
  return {
    dialect,
    ...direct,
    /**
     * Races between API nodes are settled by the database, not by in-process locks. SQLite runs
     * one writer at a time. PostgreSQL runs these transactions SERIALIZABLE, so read-then-write
     * sequences (a delete that counts a subtree's bytes while a move rewrites it, a copy that
     * references a blob a delete is releasing) cannot interleave; the loser of such a race, or
     * of a unique-name race, is re-run and sees the winner's result.
     */
    async transaction(fn, options) {
      const readCommitted = options?.isolation === 'read-committed';
      for (let attempt = 1; ; attempt += 1) {
        const touched = new Map<string, [string, string, string, number]>();
        try {
          const level = readCommitted ? 'read committed' : 'serializable';
          const begin = dialect === 'postgres' ? db.transaction().setIsolationLevel(level) : db.transaction();
          // Under READ COMMITTED the caller's row locks guard the directory, so touches stay inside.
          const result = await begin.execute(async (trx) => {
            const repos = reposOver(trx, dialect);
            const value = await fn(readCommitted ? repos : deferTouches(repos, touched));
            faultPoint('meta.transaction.before-commit');
            return value;
          });
          await Promise.all([...touched.values()].map((args) => direct.entries.touch(...args)));
          return result;
        } catch (error) {
          const code = errorCode(error);
          if (!UNIQUE_VIOLATIONS.has(code) && !SERIALIZATION_FAILURES.has(code)) {
            throw error;
          }
          if (attempt === MAX_ATTEMPTS) {
            // A name race lost 20 times is a real clash; contention is the server's problem,
            // answered retryable (503) and logged with its cause by the error handler.
            if (UNIQUE_VIOLATIONS.has(code)) {
              throw new SmhError('PathConflict', undefined, { cause: error });
            }
            throw new SmhError('ServiceBusy', `The database kept aborting this write (${code}); retry.`, { cause: error });
          }
          await pause(attempt);
        }
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
