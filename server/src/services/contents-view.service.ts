import { SmhError } from '../errors/smh-error.js';
import type { Entry, MetaStore, SpaceContentsOptions } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import { openSpace } from './space-context.js';

export interface ContentsPage {
  entries: Entry[];
  /** the last entry's position when more may follow */
  next: { key: string | number; id: string } | null;
}

const KEY_OF = {
  name: (entry: Entry) => entry.name,
  modificationTime: (entry: Entry) => entry.modifiedAt,
  size: (entry: Entry) => entry.size,
  creationTime: (entry: Entry) => entry.createdAt,
  localCreationTime: (entry: Entry) => entry.localCreationTime,
  localModificationTime: (entry: Entry) => entry.localModificationTime,
} as const;

/** The space contents view (dirs.md D14): everything in a space, ignoring the hierarchy. */
export class ContentsViewService {
  constructor(private readonly deps: { meta: MetaStore }) {}

  async list(actor: Actor, spaceId: string, options: SpaceContentsOptions): Promise<ContentsPage> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    if (options.category !== undefined && Buffer.byteLength(options.category) > 16) {
      throw new SmhError('ParamInvalid', 'category must be at most 16 bytes.');
    }
    // One more than asked tells whether another page exists without a count query.
    const rows = await this.deps.meta.entries.listSpace(ctx.libraryId, ctx.spaceId, { ...options, limit: options.limit + 1 });
    const entries = rows.slice(0, options.limit);
    const last = entries[entries.length - 1];
    const next = rows.length > options.limit && last ? { key: KEY_OF[options.orderBy](last), id: last.id } : null;
    return { entries, next };
  }
}
