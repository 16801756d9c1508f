import { SmhError } from '../errors/smh-error.js';
import { newLibraryId, newSecret } from '../lib/ids.js';
import type { Library, MetaStore } from '../stores/meta/meta-store.js';
import type { Clock } from './deps.js';
import { DEFAULT_SETTINGS, IMMUTABLE_SETTINGS, type LibrarySettings, validateSettings } from './library-settings.js';
import type { SpaceService } from './space.service.js';
import type { TokenService } from './token.service.js';

export interface LibraryInput {
  name?: string;
  remark?: string;
  settings?: Partial<LibrarySettings>;
}

const MAX_NAME = 50;
const MAX_REMARK = 250;

function checkText(name: string | undefined, remark: string | undefined): void {
  if (name !== undefined && (name.trim() === '' || name.length > MAX_NAME)) {
    throw new SmhError('ParamInvalid', `Name must be 1–${MAX_NAME} characters.`);
  }
  if (remark !== undefined && remark.length > MAX_REMARK) {
    throw new SmhError('ParamInvalid', `Remark must be at most ${MAX_REMARK} characters.`);
  }
}

/** The control plane: what SMH's console and service-level API do with libraries. */
export class LibraryService {
  constructor(private readonly deps: { meta: MetaStore; clock: Clock; spaces: SpaceService; tokens: TokenService }) {}

  async create(input: LibraryInput): Promise<Library> {
    if (input.name === undefined) {
      throw new SmhError('ParamInvalid', 'Name is required.');
    }
    checkText(input.name, input.remark);
    const settings = validateSettings({ ...DEFAULT_SETTINGS, ...input.settings });
    const now = this.deps.clock.now();
    const library: Library = {
      id: newLibraryId(),
      name: input.name,
      remark: input.remark ?? '',
      secret: newSecret(),
      settings,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.meta.transaction(async (tx) => {
      await tx.libraries.insert(library);
      if (!settings.isMultiSpace) {
        await this.deps.spaces.insertSpace(tx, library, '-', '', {}, now);
      }
    });
    return library;
  }

  async get(id: string): Promise<Library> {
    const library = await this.deps.meta.libraries.get(id);
    if (!library) {
      throw new SmhError('LibraryNotFound');
    }
    return library;
  }

  async list(page: number, pageSize: number, ids?: string[]): Promise<{ items: Library[]; total: number }> {
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw new SmhError('ParamInvalid', 'PageNumber must be ≥ 1 and PageSize 1–100.');
    }
    return this.deps.meta.libraries.list((page - 1) * pageSize, pageSize, ids);
  }

  async modify(id: string, input: LibraryInput): Promise<Library> {
    checkText(input.name, input.remark);
    const library = await this.get(id);
    for (const key of IMMUTABLE_SETTINGS) {
      const wanted = input.settings?.[key];
      if (wanted !== undefined && wanted !== library.settings[key]) {
        throw new SmhError('ParamInvalid', `LibraryExtension field ${key} cannot be changed after creation.`);
      }
    }
    const updated: Library = {
      ...library,
      name: input.name ?? library.name,
      remark: input.remark ?? library.remark,
      settings: validateSettings({ ...library.settings, ...input.settings }),
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.meta.libraries.update(updated);
    return updated;
  }

  /** Bytes and entry counts over all spaces of the library. */
  async usage(library: Library): Promise<{ size: number; files: number; dirs: number }> {
    const spaces = await this.deps.meta.spaces.list(library.id, { limit: 1_000_000 });
    let files = 0;
    let dirs = 0;
    for (const space of spaces) {
      const counts = await this.deps.meta.entries.countSpace(library.id, space.spaceId);
      files += counts.files;
      dirs += counts.dirs;
    }
    return { size: await this.deps.meta.spaces.totalSize(library.id), files, dirs };
  }

  async rotateSecret(id: string): Promise<Library> {
    const library = await this.get(id);
    const updated = { ...library, secret: newSecret(), updatedAt: this.deps.clock.now() };
    await this.deps.meta.libraries.update(updated);
    return updated;
  }

  /** Multi-tenant libraries must have no spaces left (SMH: ResourceInUse.MultiSpace) unless forced. */
  async delete(id: string, force: boolean): Promise<void> {
    const library = await this.get(id);
    const spaces = await this.deps.meta.spaces.list(id, { limit: 1_000_000 });
    if (library.settings.isMultiSpace && spaces.length > 0 && !force) {
      throw new SmhError('LibraryNotEmpty');
    }
    for (const space of spaces) {
      await this.deps.spaces.purge(library, space.spaceId);
    }
    await this.deps.meta.transaction(async (tx) => {
      await tx.tokens.deleteByLibrary(id);
      await tx.libraries.delete(id);
      await tx.quotas.deleteLibrary(id);
    });
    await this.deps.tokens.revokeLibrary(id);
  }
}
