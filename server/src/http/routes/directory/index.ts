import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { calibrateDirectoryStats } from './calibrate-directory-stats.js';
import { directoryInfo, headDirectory } from './directory-info.js';
import { directoryStats } from './directory-stats.js';
import { listDirectory } from './list-directory.js';
import { copyDirectory, createDirectory, deleteDirectory, moveDirectory, updateEntry } from './modify-directory.js';

/** `/api/v1/directory/{L}/{S}[/{Path}]`: the root has no path segment (dirs.md §2.1). */
const PATHS = ['/api/v1/directory/:libraryId/:spaceId', '/api/v1/directory/:libraryId/:spaceId/*'];

export function registerDirectoryRoutes(app: FastifyInstance, services: Services): void {
  for (const url of PATHS) {
    app.put(url, async (request, reply) => {
      const input = await spaceRequest(services, request, reply);
      const body = request.body;
      if (hasFlag(input.query, 'calibrate')) {
        return calibrateDirectoryStats(services, input);
      }
      if (body && typeof body === 'object' && 'from' in body) {
        return moveDirectory(services, input);
      }
      if (body && typeof body === 'object' && 'copyFrom' in body) {
        return copyDirectory(services, input);
      }
      return createDirectory(services, input);
    });
    app.get(url, async (request, reply) => {
      const input = await spaceRequest(services, request, reply);
      if (hasFlag(input.query, 'stats')) {
        return directoryStats(services, input);
      }
      return hasFlag(input.query, 'info') ? directoryInfo(services, input) : listDirectory(services, input);
    });
    app.head(url, async (request, reply) => headDirectory(services, await spaceRequest(services, request, reply)));
    app.delete(url, async (request, reply) => deleteDirectory(services, await spaceRequest(services, request, reply)));
    app.post(url, async (request, reply) => {
      const input = await spaceRequest(services, request, reply);
      if (!hasFlag(input.query, 'update')) {
        throw new SmhError('RouteNotFound', 'POST on a directory path needs ?update.');
      }
      return updateEntry(services, input);
    });
  }
}
