import { Readable } from 'node:stream';
import { newBlobKey } from '../lib/ids.js';
import { previewKindOf } from '../media/kinds.js';
import { Limiter, SingleFlight } from '../media/limiter.js';
import { type PreviewSpec, thumbnailParams } from '../media/preview-spec.js';
import { NotPreviewable, type RenderLimits } from '../media/rendered.js';
import type { MediaTools } from '../media/tools.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';
import type { Rendition } from '../stores/meta/rendition-store.js';
import type { Clock } from './deps.js';
import type { MediaSource } from './media-source.js';
import { render, renditionParams } from './media-render.js';

export interface RenditionDeps {
  meta: MetaStore;
  blob: BlobStore;
  clock: Clock;
  tools: MediaTools;
  limits: RenderLimits & { concurrency: number };
  /** told about every rendition actually rendered (the log line tests and operators read) */
  onRendered?: (event: { sourceKey: string; params: string; ms: number; ok: boolean }) => void;
}

/** Marks "tried, not previewable": kept like a rendition so a bad file is not re-decoded on every request. */
const NOT_PREVIEWABLE = 'application/x-not-previewable';

/**
 * Thumbnails, covers and document previews, made once per (content blob, parameters) and kept
 * as blobs (rendition-store.ts). Concurrent identical requests on one node share one render
 * (single-flight); across nodes the renditions table's primary key keeps the first one stored
 * and the other node drops its copy. Renders queue behind a per-node concurrency limit.
 */
export class RenditionService {
  private readonly limiter: Limiter;
  private readonly flights = new SingleFlight<Rendition | null>();

  constructor(private readonly deps: RenditionDeps) {
    this.limiter = new Limiter(deps.limits.concurrency);
  }

  get tools(): MediaTools {
    return this.deps.tools;
  }

  /** The kept rendition for `entry` and `spec`, rendering it first if needed; null = not previewable. */
  async preview(entry: MediaSource, spec: PreviewSpec): Promise<Rendition | null> {
    const kind = previewKindOf(entry.name, entry.contentType, this.deps.tools);
    const params = kind ? renditionParams(kind, spec, thumbnailParams(spec)) : null;
    if (!kind || !params || !entry.blobKey) {
      return null;
    }
    const sourceKey = entry.blobKey;
    const kept = (await this.deps.meta.renditions.get(sourceKey, params)) ??
      (await this.flights.run(`${sourceKey}\n${params}`, () => this.limiter.run(() => this.make(entry, sourceKey, params, kind, spec))));
    return kept && kept.contentType !== NOT_PREVIEWABLE ? kept : null;
  }

  private async make(entry: MediaSource, sourceKey: string, params: string, kind: NonNullable<ReturnType<typeof previewKindOf>>, spec: PreviewSpec): Promise<Rendition | null> {
    // Another request may have finished this one while we queued.
    const existing = await this.deps.meta.renditions.get(sourceKey, params);
    if (existing) {
      return existing;
    }
    const started = this.deps.clock.now();
    const base = { sourceKey, params, createdAt: started };
    let candidate: Rendition;
    try {
      const rendered = await render(this.deps, entry, kind, spec);
      const blobKey = newBlobKey();
      const { size } = await this.deps.blob.put(blobKey, Readable.from([rendered.data]));
      candidate = { ...base, blobKey, contentType: rendered.contentType, size, width: rendered.width, height: rendered.height };
    } catch (error) {
      if (!(error instanceof NotPreviewable)) {
        throw error;
      }
      candidate = { ...base, blobKey: '', contentType: NOT_PREVIEWABLE, size: 0, width: 0, height: 0 };
    }
    this.deps.onRendered?.({ sourceKey, params, ms: this.deps.clock.now() - started, ok: candidate.blobKey !== '' });
    const kept = await this.keep(candidate);
    if (candidate.blobKey !== '' && kept?.blobKey !== candidate.blobKey) {
      // Another node kept its copy first, or the source went away meanwhile: ours is surplus.
      await this.deps.blob.delete(candidate.blobKey).catch(() => undefined);
    }
    return kept;
  }

  private async keep(candidate: Rendition): Promise<Rendition | null> {
    try {
      return await this.deps.meta.transaction((tx) => tx.renditions.insertIfAbsent(candidate));
    } catch (error) {
      if (candidate.blobKey !== '') {
        await this.deps.blob.delete(candidate.blobKey).catch(() => undefined);
      }
      throw error;
    }
  }
}
