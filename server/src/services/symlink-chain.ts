import { SmhError } from '../errors/smh-error.js';
import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';

/** Links per chain, counting the first: a longer chain is refused at creation and when followed. */
export const MAX_SYMLINK_DEPTH = 8;

/**
 * The entry a symlink names, in the link's own (live) space: by id first, so the link survives a
 * rename or move of its target; else by the target's last known path, so it follows a new file
 * uploaded over the target (files.md §8.4). A target gone to the recycle bin is found by neither.
 */
async function nextInChain(repos: MetaRepos, link: Entry): Promise<Entry | null> {
  if (link.linkTargetId) {
    const byId = await repos.entries.getById(link.linkTargetId);
    if (byId && byId.libraryId === link.libraryId && byId.spaceId === link.spaceId) {
      return byId;
    }
  }
  if (link.linkTargetPath === null || link.linkTargetPath === undefined) {
    return null;
  }
  return repos.entries.get(link.libraryId, link.spaceId, link.linkTargetPath);
}

/**
 * Every entry from `start` to the file the chain ends at (the last element; never a symlink).
 * Throws RootLinkFileNotFound when a link points at nothing (or at a directory that took the
 * target's path), CircleSymlink on a loop, SymlinkDepthLimitExceeded past MAX_SYMLINK_DEPTH links.
 */
export async function symlinkChain(repos: MetaRepos, start: Entry): Promise<Entry[]> {
  const chain = [start];
  const seen = new Set([start.id]);
  let current = start;
  while (current.type === 'symlink') {
    if (chain.length > MAX_SYMLINK_DEPTH) {
      throw new SmhError('SymlinkDepthLimitExceeded', `A chain of symbolic links may have at most ${MAX_SYMLINK_DEPTH} links.`);
    }
    const next = await nextInChain(repos, current);
    if (!next || next.type === 'dir') {
      throw new SmhError('RootLinkFileNotFound');
    }
    if (seen.has(next.id)) {
      throw new SmhError('CircleSymlink');
    }
    seen.add(next.id);
    chain.push(next);
    current = next;
  }
  return chain;
}

/** The file a symlink finally names (the entry itself when it is not a link). */
export async function followSymlink(repos: MetaRepos, entry: Entry): Promise<Entry> {
  const chain = await symlinkChain(repos, entry);
  return chain[chain.length - 1] as Entry;
}
