import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import { rendersAsImage } from '../media/kinds.js';
import { previewKind } from '../media/active-tools.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import { openSpace } from './space-context.js';

/** How far into an album the cover search looks for a photo or video it can render. */
const SCAN_LIMIT = 50;

/**
 * D13 album cover (dirs.md D13): the first medium of the album (or of the space, without
 * albums) by upload time, as the album listing shows it. Its thumbnail is the cover.
 */
export class AlbumCoverService {
  constructor(private readonly deps: { meta: MetaStore }) {}

  async coverEntry(actor: Actor, spaceId: string, rawAlbum: string): Promise<Entry> {
    const ctx = await openSpace(this.deps.meta, actor, spaceId, 'read');
    if (ctx.rules.isFileLibrary) {
      throw new SmhError('CoverNotSupportedInFileLibrary');
    }
    const album = parseSmhPath(rawAlbum, 'dir');
    if (ctx.rules.isMultiAlbum && album.path === '') {
      throw new SmhError('CoverNotSupportedInRootDirectory');
    }
    if (album.path !== '') {
      // Without multi-album mode there are no albums to name (the cover is the space's).
      const dir = ctx.rules.isMultiAlbum ? await this.deps.meta.entries.get(ctx.libraryId, ctx.spaceId, album.path) : null;
      if (!dir || dir.type !== 'dir') {
        throw new SmhError('DirectoryNotFound');
      }
    }
    const media = await this.deps.meta.entries.listChildren(ctx.libraryId, ctx.spaceId, album.path, {
      orderBy: 'creationTime',
      descending: false,
      filter: 'onlyFile',
      union: false,
      offset: 0,
      limit: SCAN_LIMIT,
    });
    const cover = media.find((entry) => entry.blobKey && rendersAsImage(previewKind(entry.name, entry.contentType))) ?? media.find((entry) => entry.blobKey);
    if (!cover) {
      throw new SmhError('FileNotFound', 'The album holds no photo or video.');
    }
    return cover;
  }
}
