import { SmhError } from '../errors/smh-error.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import { openSpace } from './space-context.js';

/** Inodes are entry ids: stable across rename, move and overwrite-with-history (files.md §7.5). */
export class InodeService {
  constructor(private readonly deps: { meta: MetaStore }) {}

  /** The live entry with this inode in the space; one in the recycle bin or elsewhere is not found. */
  async lookup(actor: Actor, spaceId: string, inode: string): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    const entry = inode === '' ? null : await this.deps.meta.entries.getById(inode);
    if (!entry || entry.libraryId !== ctx.libraryId || entry.spaceId !== ctx.spaceId) {
      throw new SmhError('FileNotFound', `No file or directory has inode ${inode} in this space.`);
    }
    return entry;
  }
}
