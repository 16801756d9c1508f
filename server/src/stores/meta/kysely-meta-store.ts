import { type Kysely, Migrator } from 'kysely';
import type { MetaRepos, MetaStore } from './meta-store.js';
import { type Dialect, migrationProvider } from './migrations.js';
import { blobRepo } from './repos/blob-repo.js';
import { entryRepo } from './repos/entry-repo.js';
import { libraryRepo } from './repos/library-repo.js';
import { settingsRepo } from './repos/settings-repo.js';
import { spaceRepo } from './repos/space-repo.js';
import { tokenRepo } from './repos/token-repo.js';
import { uploadRepo } from './repos/upload-repo.js';
import type { Database } from './schema.js';

function reposOver(db: Kysely<Database>): MetaRepos {
  return {
    libraries: libraryRepo(db),
    spaces: spaceRepo(db),
    tokens: tokenRepo(db),
    blobs: blobRepo(db),
    entries: entryRepo(db),
    uploads: uploadRepo(db),
    settings: settingsRepo(db),
  };
}

export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    throw error;
  }
}

/** Wraps a Kysely instance (SQLite or PostgreSQL) as a MetaStore. */
export function kyselyMetaStore(db: Kysely<Database>, dialect: Dialect): MetaStore {
  return {
    dialect,
    ...reposOver(db),
    transaction(fn) {
      return db.transaction().execute((trx) => fn(reposOver(trx)));
    },
    async close() {
      await db.destroy();
    },
  };
}
