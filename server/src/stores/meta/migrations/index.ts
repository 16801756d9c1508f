import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { jobs } from './0002-jobs.js';
import { search } from './0003-search.js';
import { favoritesAndRecent } from './0004-favorites-recent.js';
import { recycleBin } from './0005-recycle-bin.js';
import { quotas } from './0006-quotas.js';
import { fileVersions } from './0007-file-versions.js';
import { tokenSpaceTags } from './0008-token-space-tags.js';
import { uploadStates } from './0009-upload-states.js';
import { renditions } from './0010-renditions.js';
import { changeFeed } from './0011-change-feed.js';
import { shares } from './0012-shares.js';
import { listingIndexes } from './0013-listing-indexes.js';
import { orphanCandidates } from './0014-orphan-candidates.js';
import { fileOps } from './0016-file-ops.js';
import type { Dialect } from './dialect.js';

export type { Dialect } from './dialect.js';

/**
 * Every migration, in order. One file per migration; add new ones at the end of the list.
 * Names sort lexically, so keep the four-digit prefix.
 */
function all(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-jobs': jobs(dialect),
    '0003-search': search(dialect),
    '0004-favorites-recent': favoritesAndRecent(dialect),
    '0005-recycle-bin': recycleBin(dialect),
    '0006-quotas': quotas(dialect),
    '0007-file-versions': fileVersions(dialect),
    '0008-token-space-tags': tokenSpaceTags(),
    '0009-upload-states': uploadStates(),
    '0010-renditions': renditions(),
    '0011-change-feed': changeFeed(),
    '0012-shares': shares(dialect),
    '0013-listing-indexes': listingIndexes(dialect),
    '0014-orphan-candidates': orphanCandidates(),
    '0016-file-ops': fileOps(),
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return all(dialect);
    },
  };
}
