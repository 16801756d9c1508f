import { SmhError } from '../errors/smh-error.js';
import type { MetaRepos } from '../stores/meta/meta-store.js';
import { rulesFor } from './library-rules.js';
import { liveRoots, requireLive } from './share-rules.js';
import type { SpaceContext } from './space-context.js';

/** Which share a copy reads from (B2 with `share_access_token`, share save); kept in task payloads. */
export interface ShareRef {
  readonly libraryId: string;
  /** the share's space, where copies read from */
  readonly spaceId: string;
  readonly shareId: number;
  readonly revision: number;
}

/**
 * The space a "save to my space" copy reads from: the share's space, limited to the shared
 * trees (`sourceRoots`, checked by requireSource). Checked again at copy time, so a share
 * disabled, expired, updated or deleted after the request (or while its task waits) copies nothing.
 */
export async function openShareSource(repos: MetaRepos, ref: ShareRef, now: number): Promise<SpaceContext> {
  const share = await repos.shares.get(ref.libraryId, ref.shareId);
  if (!share) {
    throw new SmhError('ShareNotFound');
  }
  const library = await requireLive(repos, share, now);
  if (share.revision !== ref.revision) {
    throw new SmhError('ShareHasBeenUpdated');
  }
  if (!share.config.canSaveToNetdisk) {
    throw new SmhError('CannotSaveToNetDisk');
  }
  const space = await repos.spaces.get(share.libraryId, share.spaceId);
  if (!space) {
    throw new SmhError('ShareNotFound');
  }
  const roots = await liveRoots(repos, share);
  if (roots.length === 0) {
    throw new SmhError('ShareFileEmpty');
  }
  return {
    // Holds no grants: the source side only names where rows are read from; the target's
    // actor is the one whose grants and quota count.
    actor: { kind: 'token', library, spaceIds: [share.spaceId], grants: new Set<string>(), userId: share.creatorId },
    libraryId: share.libraryId,
    spaceId: share.spaceId,
    space,
    rules: rulesFor(library, space),
    sourceRoots: roots.map((root) => root.path),
  };
}
