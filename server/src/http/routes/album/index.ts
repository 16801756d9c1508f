import type { FastifyInstance } from 'fastify';
import { spaceRequest } from '../params.js';
import type { Services } from '../../services.js';
import { downloadFile } from '../file/download.js';
import { parsePreviewSpec } from '../file/preview-params.js';
import { redirectToRendition } from '../file/preview.js';

/**
 * D13 album cover: `GET /api/v1/album/{L}/{S}/cover[/{AlbumName}]?size=` → 302 to the cover
 * thumbnail (dirs.md D13). A cover medium this node cannot render answers with its download.
 */
export function registerAlbumRoutes(app: FastifyInstance, services: Services): void {
  const cover = async (request: Parameters<typeof spaceRequest>[1], reply: Parameters<typeof spaceRequest>[2]) => {
    const input = await spaceRequest(services, request, reply);
    const spec = parsePreviewSpec({ size: input.query.size });
    const entry = await services.albumCovers.coverEntry(input.actor, input.spaceId, input.path);
    const rendition = await services.renditions.preview(entry, spec);
    if (!rendition) {
      return downloadFile(services, { ...input, path: entry.path, query: {} });
    }
    return redirectToRendition(services, input, entry, rendition);
  };
  app.get('/api/v1/album/:libraryId/:spaceId/cover', cover);
  app.get('/api/v1/album/:libraryId/:spaceId/cover/*', cover);
}
