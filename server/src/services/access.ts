import { SmhError } from '../errors/smh-error.js';
import type { MetaRepos, Space } from '../stores/meta/meta-store.js';
import { type Actor, type Grant, isAdmin } from './actor.js';

/** Grants `space_admin` does not include (core.md §3: everything except space create/delete). */
const OUTSIDE_SPACE_ADMIN: readonly Grant[] = ['create_space', 'delete_space', 'admin'];

/** Passes when the actor holds `admin`, `space_admin` (where it covers the grant) or any of `anyOf`. */
export function requireGrant(actor: Actor, ...anyOf: Grant[]): void {
  if (actor.kind === 'public') {
    // A caller without any credential is told so, not that its (absent) token lacks a grant.
    throw new SmhError('EmptyAccessToken', 'This operation needs an access token.');
  }
  if (isAdmin(actor)) {
    return;
  }
  if (actor.grants.has('space_admin') && anyOf.some((grant) => !OUTSIDE_SPACE_ADMIN.includes(grant))) {
    return;
  }
  if (anyOf.some((grant) => actor.grants.has(grant))) {
    return;
  }
  throw new SmhError('NoPermission');
}

export function requireAdmin(actor: Actor): void {
  requireGrant(actor, 'admin');
}

/**
 * The one check every space-scoped operation starts with: the space id fits the library's
 * tenancy, the credential covers it, and it exists. Public (token-less) callers only read, and
 * only where public read is on.
 */
export async function requireSpace(repos: MetaRepos, actor: Actor, spaceId: string, mode: 'read' | 'write'): Promise<Space> {
  const library = actor.library;
  if (spaceId === '') {
    throw new SmhError('EmptySpaceId');
  }
  const isMulti = library.settings.isMultiSpace;
  if ((spaceId === '-') === isMulti) {
    throw new SmhError('SpaceNotFound', isMulti ? 'Multi-tenant libraries have no "-" space.' : 'Single-tenant libraries only have the "-" space.');
  }
  if (actor.kind === 'public') {
    if (mode !== 'read') {
      throw new SmhError('EmptyAccessToken');
    }
  } else if (isMulti && !isAdmin(actor) && !(actor.spaceIds ?? []).includes(spaceId)) {
    throw new SmhError('AccessTokenNotMatchSpace');
  } else if (isMulti && actor.spaceIds !== null && actor.spaceIds.length > 0 && !actor.spaceIds.includes(spaceId)) {
    throw new SmhError('AccessTokenNotMatchSpace');
  }
  const space = await repos.spaces.get(library.id, spaceId);
  if (!space) {
    throw new SmhError('SpaceNotFound');
  }
  if (actor.kind === 'public') {
    const isPublic = isMulti ? space.extension.isPublicRead : library.settings.isPublicRead;
    if (!isPublic) {
      throw new SmhError('EmptyAccessToken');
    }
  }
  // A token minted with allow_space_tag only reaches spaces tagged accordingly (core.md T1).
  if (actor.allowSpaceTags && actor.allowSpaceTags.length > 0 && !actor.allowSpaceTags.includes(space.extension.spaceTag ?? '')) {
    throw new SmhError('AccessTokenNotMatchSpace', 'The access token is limited to spaces with other tags.');
  }
  return space;
}
