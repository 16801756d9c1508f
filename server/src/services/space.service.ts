import { SmhError } from '../errors/smh-error.js';
import { newSpaceId } from '../lib/ids.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Library, MetaRepos, MetaStore, Space, SpaceExtension } from '../stores/meta/meta-store.js';
import { requireGrant, requireSpace } from './access.js';
import { type Actor, isAdmin } from './actor.js';
import { deleteBlobs, releaseBlobRefs } from './blob-refs.js';
import type { Clock } from './deps.js';
import { newDirectoryEntry } from './entry-factory.js';

const CUSTOM_SPACE_ID = /^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$/;
const EXT_LIST = /^\.[A-Za-z0-9_-]{1,16}$/;

export interface ExtensionInput {
  isPublicRead?: unknown;
  isMultiAlbum?: unknown;
  allowPhoto?: unknown;
  allowVideo?: unknown;
  allowPhotoExtname?: unknown;
  allowVideoExtname?: unknown;
  allowFileExtname?: unknown;
  recognizeSensitiveContent?: unknown;
  spaceTag?: unknown;
}

function bool(value: unknown, field: string): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (typeof value !== 'boolean') {
    throw new SmhError('ParamInvalid', `${field} must be a boolean.`);
  }
  return value;
}

function extList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !EXT_LIST.test(item))) {
    throw new SmhError('ParamInvalid', `${field} must be an array of extensions such as ".jpg".`);
  }
  return value.map((item: string) => item.toLowerCase());
}

function spaceTag(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > 64) {
    throw new SmhError('ParamInvalid', 'spaceTag must be a string of at most 64 characters.');
  }
  return value;
}

/** SMH treats S1/S5 bodies as full replacements of the boolean fields (core.md S5). */
export function parseExtension(input: ExtensionInput, previous?: SpaceExtension): SpaceExtension {
  const extension: SpaceExtension = {
    isPublicRead: bool(input.isPublicRead, 'isPublicRead'),
    isMultiAlbum: previous ? previous.isMultiAlbum : bool(input.isMultiAlbum, 'isMultiAlbum'),
    allowPhoto: bool(input.allowPhoto, 'allowPhoto'),
    allowVideo: bool(input.allowVideo, 'allowVideo'),
    allowPhotoExtname: extList(input.allowPhotoExtname, 'allowPhotoExtname'),
    allowVideoExtname: extList(input.allowVideoExtname, 'allowVideoExtname'),
    allowFileExtname: extList(input.allowFileExtname, 'allowFileExtname'),
    recognizeSensitiveContent: bool(input.recognizeSensitiveContent, 'recognizeSensitiveContent'),
  };
  // spaceTag is patch-like: absent keeps, null clears (JS SDK semantics).
  const tag = input.spaceTag === undefined ? previous?.spaceTag : spaceTag(input.spaceTag);
  if (tag !== undefined) {
    extension.spaceTag = tag;
  }
  return extension;
}

/**
 * S2/S8 list tenant spaces. A single-tenant library has none: its "-" space is how we store
 * the library's content, not a tenant, so it is not listed or counted.
 */
function requireTenantListing(actor: Actor): void {
  if (actor.kind === 'public') {
    throw new SmhError('EmptyAccessToken');
  }
  if (!actor.library.settings.isMultiSpace) {
    throw new SmhError('NotMultiSpaceLibrary');
  }
}

export class SpaceService {
  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock }) {}

  /** Inserts a space with its root directory; used by library creation too. */
  async insertSpace(tx: MetaRepos, library: Library, spaceId: string, userId: string, input: ExtensionInput, now: number): Promise<Space> {
    const space: Space = {
      libraryId: library.id,
      spaceId,
      userId,
      extension: parseExtension(input),
      size: 0,
      createdAt: now,
    };
    await tx.spaces.insert(space);
    await tx.entries.insert(newDirectoryEntry(library.id, spaceId, '', userId, now));
    return space;
  }

  async create(actor: Actor, customId: string | undefined, input: ExtensionInput): Promise<Space> {
    requireGrant(actor, 'create_space');
    const library = actor.library;
    if (!library.settings.isMultiSpace) {
      throw new SmhError('NotMultiSpaceLibrary');
    }
    if (customId !== undefined && !CUSTOM_SPACE_ID.test(customId)) {
      throw new SmhError('SpaceIdInvalid', 'A custom space id is 2–32 characters of a-z, 0-9 and "-", not starting or ending with "-".');
    }
    const spaceId = customId ?? newSpaceId();
    return this.deps.meta.transaction(async (tx) => {
      if (await tx.spaces.get(library.id, spaceId)) {
        throw new SmhError('DuplicateSpace');
      }
      return this.insertSpace(tx, library, spaceId, actor.userId, input, this.deps.clock.now());
    });
  }

  /**
   * Admins see every space; other tokens the spaces their user created, and a space admin also
   * the spaces its token is bound to (core.md §9.3: space_admin "restricted to its spaces").
   */
  async list(actor: Actor, options: { after?: string; prefix?: string; limit: number }): Promise<Space[]> {
    requireTenantListing(actor);
    if (isAdmin(actor)) {
      return this.deps.meta.spaces.list(actor.library.id, options);
    }
    const alsoSpaceIds = actor.grants.has('space_admin') ? (actor.spaceIds ?? []) : [];
    return this.deps.meta.spaces.list(actor.library.id, { ...options, userId: actor.userId, alsoSpaceIds });
  }

  async count(actor: Actor): Promise<number> {
    requireTenantListing(actor);
    return this.deps.meta.spaces.count(actor.library.id);
  }

  async get(actor: Actor, spaceId: string): Promise<Space> {
    return requireSpace(this.deps.meta, actor, spaceId, 'read');
  }

  async modifyExtension(actor: Actor, spaceId: string, input: ExtensionInput): Promise<void> {
    if (!actor.library.settings.isMultiSpace) {
      // A single-tenant library's "-" space takes its settings from the LibraryExtension
      // (core.md §8.3); writing them here would be accepted and then silently ignored.
      throw new SmhError('NotMultiSpaceLibrary', 'Single-tenant libraries are configured through the library settings.');
    }
    const space = await requireSpace(this.deps.meta, actor, spaceId, 'write');
    requireGrant(actor, 'space_admin');
    await this.deps.meta.spaces.updateExtension(actor.library.id, spaceId, parseExtension(input, space.extension));
  }

  /** S7: totals include the recycle bin, which is also reported apart (core.md S7). */
  async fileCount(
    actor: Actor,
    spaceId: string,
  ): Promise<{ files: number; dirs: number; recycledFiles: number; recycledDirs: number; historyFiles: number }> {
    await requireSpace(this.deps.meta, actor, spaceId, 'read');
    requireGrant(actor, 'space_admin');
    const live = await this.deps.meta.entries.countSpace(actor.library.id, spaceId);
    const bin = await this.deps.meta.recycled.contentCounts(actor.library.id, spaceId);
    const historyFiles = await this.deps.meta.versions.countInSpace(actor.library.id, spaceId);
    // fileNum counts history versions too (core.md S7: "total files incl. recycle bin and history versions").
    return {
      files: live.files + bin.files + historyFiles,
      dirs: live.dirs + bin.dirs,
      recycledFiles: bin.files,
      recycledDirs: bin.dirs,
      historyFiles,
    };
  }

  async delete(actor: Actor, spaceId: string, force: boolean): Promise<void> {
    if (!actor.library.settings.isMultiSpace) {
      throw new SmhError('NotMultiSpaceLibrary');
    }
    requireGrant(actor, 'delete_space');
    // Space-management tokens are minted without space_id (core.md T1), so requireSpace's
    // binding rule would lock them out; a token that does name spaces stays bound to them.
    if (actor.spaceIds !== null && actor.spaceIds.length > 0 && !actor.spaceIds.includes(spaceId)) {
      throw new SmhError('AccessTokenNotMatchSpace');
    }
    if (!(await this.deps.meta.spaces.get(actor.library.id, spaceId))) {
      throw new SmhError('SpaceNotFound');
    }
    const counts = await this.deps.meta.entries.countSpace(actor.library.id, spaceId);
    const bin = await this.deps.meta.recycled.contentCounts(actor.library.id, spaceId);
    // Items in the recycle bin are still the space's data: only force deletes them with it.
    if (!force && counts.files + counts.dirs + bin.files + bin.dirs > 0) {
      throw new SmhError('SpaceNotEmpty');
    }
    await this.purge(actor.library, spaceId);
  }

  /** Removes a space with all its entries in one transaction, then the bytes nobody else uses. */
  async purge(library: Library, spaceId: string): Promise<void> {
    const unreferenced = await this.deps.meta.transaction(async (tx) => {
      // The bin's entries live in their own namespaces (recycle-repo.ts) and go too.
      const refs = [...(await tx.entries.blobRefsInSpace(library.id, spaceId)), ...(await tx.recycled.blobRefsInSpace(library.id, spaceId))];
      await tx.entries.deleteSpace(library.id, spaceId);
      await tx.recycled.deleteSpace(library.id, spaceId);
      await tx.spaces.delete(library.id, spaceId);
      // The space's change feed ends with it; cursors into it are refused from now on.
      await tx.feed.deleteSpace(library.id, spaceId);
      const counts = new Map<string, number>();
      for (const ref of refs) {
        counts.set(ref.blobKey, (counts.get(ref.blobKey) ?? 0) + ref.count);
      }
      return releaseBlobRefs(tx, counts);
    });
    await deleteBlobs(this.deps.blob, unreferenced);
  }
}

