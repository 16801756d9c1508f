import { readImageInfo, type ImageInfo } from '../media/image-info.js';
import { previewKindOf } from '../media/kinds.js';
import { SingleFlight } from '../media/limiter.js';
import { NotPreviewable, type RenderLimits } from '../media/rendered.js';
import type { MediaTools } from '../media/tools.js';
import { probeVideo, type VideoInfo } from '../media/video.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import type { Clock } from './deps.js';
import { type MediaSource, withSourceFile } from './media-source.js';

export type MediaInfo = ({ kind: 'image' } & ImageInfo) | ({ kind: 'video' } & VideoInfo) | { kind: 'none' };

/**
 * Facts read once from a photo's EXIF or a video's streams, kept per content blob in
 * `media_info` (deleted with the blob). Read at confirm by the prepare-media job in album
 * libraries, otherwise on first request. `none` is kept too: a file that is not readable media
 * is not re-read on every request.
 */
export class MediaInfoService {
  private readonly flights = new SingleFlight<MediaInfo>();

  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock; tools: MediaTools; limits: RenderLimits }) {}

  async info(entry: MediaSource): Promise<MediaInfo> {
    const key = entry.blobKey;
    const kind = previewKindOf(entry.name, entry.contentType, this.deps.tools);
    if (!key || (kind !== 'image' && kind !== 'video' && kind !== 'raster')) {
      return { kind: 'none' };
    }
    const stored = await this.deps.meta.renditions.getInfo(key);
    if (stored) {
      return JSON.parse(stored.info) as MediaInfo;
    }
    return this.flights.run(key, async () => {
      const info = await this.read(entry, key, kind === 'video' ? 'video' : 'image');
      await this.deps.meta.renditions.putInfo({ blobKey: key, info: JSON.stringify(info), createdAt: this.deps.clock.now() });
      return info;
    });
  }

  private async read(entry: MediaSource, key: string, kind: 'image' | 'video'): Promise<MediaInfo> {
    if (entry.size === 0 || (kind === 'video' && !this.deps.tools.ffprobe)) {
      return { kind: 'none' };
    }
    try {
      return await withSourceFile(this.deps.blob, key, entry.name, async (path) =>
        kind === 'video'
          ? { kind: 'video' as const, ...(await probeVideo(this.deps.tools.ffprobe as string, path, this.deps.limits.timeoutMs)) }
          : { kind: 'image' as const, ...(await readImageInfo(path)) },
      );
    } catch (error) {
      if (error instanceof NotPreviewable) {
        return { kind: 'none' };
      }
      throw error;
    }
  }
}
