import { SmhError } from '../errors/smh-error.js';
import type { Entry, Library, MetaRepos } from '../stores/meta/meta-store.js';
import type { Share } from '../stores/meta/share-store.js';

/** At most this many inodes in a `/share/file/{code}/{inode}/{inode}…` chain (dirs.md §11.1). */
export const MAX_INODE_CHAIN = 64;

/**
 * The share's library if the share may be used now: it exists, both switches are on and it has
 * not expired. A share whose library was deleted is gone too.
 */
export async function requireLive(repos: MetaRepos, share: Share, now: number): Promise<Library> {
  const library = await repos.libraries.get(share.libraryId);
  if (!library) {
    throw new SmhError('ShareNotFound');
  }
  if (!share.ownerEnabled || !share.adminEnabled) {
    throw new SmhError('ShareDisabled');
  }
  if (isExpired(share, now)) {
    throw new SmhError('ShareExpired');
  }
  return library;
}

export function isExpired(share: Share, now: number): boolean {
  return share.expiresAt !== null && share.expiresAt <= now;
}

/**
 * The shared items that are live now, in the order they were shared. Items are followed by entry
 * id: a renamed or moved item stays shared at its new path; one in the recycle bin (its rows
 * move to the bin's pseudo-space) or deleted for good drops out; a restored one comes back.
 */
export async function liveRoots(repos: MetaRepos, share: Share): Promise<Entry[]> {
  const roots: Entry[] = [];
  for (const id of share.entryIds) {
    const entry = await repos.entries.getById(id);
    if (entry && entry.libraryId === share.libraryId && entry.spaceId === share.spaceId) {
      roots.push(entry);
    }
  }
  return roots;
}

/**
 * Resolves an inode chain inside a share: the first inode must be a live shared item and every
 * next one a child of the one before, so no chain can leave the shared trees. Empty = the
 * share's top level (null).
 */
export async function resolveChain(repos: MetaRepos, share: Share, inodes: readonly string[]): Promise<Entry | null> {
  if (inodes.length > MAX_INODE_CHAIN) {
    throw new SmhError('ParamInvalid', `An inode chain has at most ${MAX_INODE_CHAIN} inodes.`);
  }
  let current: Entry | null = null;
  for (const [index, inode] of inodes.entries()) {
    if (index === 0 && !share.entryIds.includes(inode)) {
      throw new SmhError('FileNotInShare');
    }
    const entry = await repos.entries.getById(inode);
    const inSpace = entry !== null && entry.libraryId === share.libraryId && entry.spaceId === share.spaceId;
    if (!entry || !inSpace || (current !== null && (current.type !== 'dir' || entry.parent !== current.path))) {
      throw new SmhError('FileNotInShare');
    }
    current = entry;
  }
  return current;
}
