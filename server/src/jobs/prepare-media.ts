import type { MediaInfoService } from '../services/media-info.service.js';
import type { RenditionService } from '../services/rendition.service.js';
import type { MediaSource } from '../services/media-source.js';
import { PREPARE_MEDIA_JOB } from '../services/media-prepare.service.js';
import type { JobHandler } from './job.js';

export interface PrepareMediaPayload {
  source: MediaSource;
  /** the album grid's square thumbnail size */
  size: number;
}

/**
 * Album libraries: right after an upload, read the media info and render the grid thumbnail,
 * so the first look at the album finds them ready. Idempotent: both are kept per content blob
 * and a second run finds them. A blob deleted meanwhile makes both no-ops.
 */
export function prepareMediaJob(deps: { renditions: RenditionService; mediaInfo: MediaInfoService }): JobHandler {
  return {
    name: PREPARE_MEDIA_JOB,
    async handle(_ctx, payload) {
      const { source, size } = payload as PrepareMediaPayload;
      const info = await deps.mediaInfo.info(source);
      const rendition = await deps.renditions.preview(source, { resize: { mode: 'square', size }, frame: 0, docAs: 'html' });
      return { info: info.kind, rendition: rendition !== null };
    },
  };
}
