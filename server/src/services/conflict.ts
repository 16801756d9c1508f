import { SmhError } from '../errors/smh-error.js';
import { joinPath, renamedCandidate } from '../lib/smh-path.js';
import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';

export type ConflictStrategy = 'ask' | 'rename' | 'overwrite';
export const STRATEGIES: readonly ConflictStrategy[] = ['ask', 'rename', 'overwrite'];
const MAX_RENAME_ATTEMPTS = 10_000;

export function parseStrategy(raw: string | undefined, fallback: ConflictStrategy, allowed = STRATEGIES): ConflictStrategy {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new SmhError('InvalidConflictResolutionStrategy');
  }
  return raw as ConflictStrategy;
}

export interface ResolvedTarget {
  path: string;
  parent: string;
  name: string;
  /** the file being replaced under `overwrite` */
  replaces: Entry | null;
}

/**
 * Applies a conflict strategy to a wanted path inside a transaction: `ask` fails on a clash,
 * `rename` picks the first free `name (n).ext`, `overwrite` replaces a file (never a directory).
 */
export async function resolveTarget(
  tx: MetaRepos,
  libraryId: string,
  spaceId: string,
  wanted: { parent: string; name: string },
  strategy: ConflictStrategy,
  isDirectory: boolean,
): Promise<ResolvedTarget> {
  const path = joinPath(wanted.parent, wanted.name);
  const existing = await tx.entries.get(libraryId, spaceId, path);
  if (!existing) {
    return { path, parent: wanted.parent, name: wanted.name, replaces: null };
  }
  if (strategy === 'ask') {
    throw new SmhError('SameNameDirectoryOrFileExists');
  }
  if (strategy === 'overwrite') {
    if (isDirectory || existing.type === 'dir') {
      throw new SmhError('SameNameDirectoryOrFileExists');
    }
    return { path, parent: wanted.parent, name: wanted.name, replaces: existing };
  }
  const dot = isDirectory ? -1 : wanted.name.lastIndexOf('.');
  const stem = dot <= 0 ? wanted.name : wanted.name.slice(0, dot);
  const taken = new Set(await tx.entries.namesWithPrefix(libraryId, spaceId, wanted.parent, `${stem} (`));
  for (let n = 1; n <= MAX_RENAME_ATTEMPTS; n += 1) {
    const name = renamedCandidate(wanted.name, n, isDirectory);
    if (!taken.has(name)) {
      return { path: joinPath(wanted.parent, name), parent: wanted.parent, name, replaces: null };
    }
  }
  throw new SmhError('RenameTooManyTimes');
}
