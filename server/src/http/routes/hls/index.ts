import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';

/**
 * `/api/v1/hls/{L}/{S}/{Path}` (files.md §8.9). Only the media info (`?info`) is served;
 * transcoding and live HLS are not implemented and say so.
 */
export function registerHlsRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/hls/:libraryId/:spaceId/*', async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (!hasFlag(input.query, 'info')) {
      throw new SmhError('UnsupportedFileType', 'Only ?info is available on /api/v1/hls.');
    }
    const entry = await services.downloads.resolve(input.actor, input.spaceId, input.path, undefined);
    const info = await services.mediaInfo.info(entry);
    if (info.kind !== 'video') {
      throw new SmhError('UnsupportedFileType', 'The file is not a readable video.');
    }
    return reply.send({ width: info.width, height: info.height, bitrate: info.bitrate, duration: info.duration, allowedTranscodingTemplates: [] });
  });
}
