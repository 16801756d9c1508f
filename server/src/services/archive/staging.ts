import { SmhError } from '../../errors/smh-error.js';
import type { Entry, MetaRepos } from '../../stores/meta/meta-store.js';
import { blobRefCounts, releaseBlobRefs } from '../blob-refs.js';
import { newDirectoryEntry } from '../entry-factory.js';

/**
 * An extraction is staged under a space id no request can name (space ids never contain '/'),
 * like the recycle bin's `<space>/bin/<id>`: no listing, look-up or count of the live space sees
 * it. Its bytes already count in the live space's size, so quotas hold while it grows.
 */
export function stagingSpaceId(targetSpaceId: string, jobId: number): string {
  return `${targetSpaceId}/extract/${jobId}`;
}

/** mkdir -p inside `spaceId`; a file in the way is refused. */
export async function ensureDirectories(tx: MetaRepos, libraryId: string, spaceId: string, path: string, userId: string, now: number): Promise<void> {
  if (path === '') {
    return;
  }
  const segments = path.split('/');
  for (let depth = 1; depth <= segments.length; depth += 1) {
    const prefix = segments.slice(0, depth).join('/');
    const existing = await tx.entries.get(libraryId, spaceId, prefix);
    if (!existing) {
      await tx.entries.insert(newDirectoryEntry(libraryId, spaceId, prefix, userId, now));
    } else if (existing.type !== 'dir') {
      throw new SmhError('SameNameDirectoryOrFileExists', `"${prefix}" is a file, not a directory.`);
    }
  }
}

/** Everything staged so far (bounded by the archive entry limit). */
export async function stagedEntries(tx: MetaRepos, libraryId: string, stagingId: string, limit: number): Promise<Entry[]> {
  return tx.entries.listSpace(libraryId, stagingId, { orderBy: 'name', descending: false, filter: null, limit });
}

/**
 * Drops a staged extraction inside the caller's transaction: its rows, its blob references and
 * its bytes from the live space's size. Returns the blobs to delete after commit.
 */
export async function discardStaging(tx: MetaRepos, libraryId: string, targetSpaceId: string, stagingId: string, limit: number): Promise<string[]> {
  const entries = await stagedEntries(tx, libraryId, stagingId, limit);
  if (entries.length === 0) {
    return [];
  }
  const bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  await tx.entries.deleteSpace(libraryId, stagingId);
  if (bytes > 0) {
    await tx.spaces.addSize(libraryId, targetSpaceId, -bytes);
  }
  return releaseBlobRefs(tx, blobRefCounts(entries));
}
