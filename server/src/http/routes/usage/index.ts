import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../../plugins/auth.js';
import { bytesOrNull } from '../../presenters/quota.js';
import { queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';

interface UsageParams {
  libraryId: string;
  spaceIds?: string;
}

async function actorOf(services: Services, request: FastifyRequest) {
  return authenticate(services, request, (request.params as UsageParams).libraryId);
}

/** `{SpaceIds}` path segments: comma-separated (core.md S12, S14). */
function spaceIdsOf(request: FastifyRequest): string[] {
  return ((request.params as UsageParams).spaceIds ?? '').split(',').map((id) => id.trim());
}

/** Library and space usage, S11–S14 (core.md §4). Byte counts are strings. */
export function registerUsageRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/usage/:libraryId', async (request) => {
    const usage = await services.usage.library(await actorOf(services, request));
    return {
      capacity: bytesOrNull(usage.capacity),
      availableSpace: bytesOrNull(usage.availableSpace),
      totalAllocatedSpaceQuota: String(usage.totalAllocatedSpaceQuota),
      totalFileSize: String(usage.totalFileSize),
    };
  });

  app.get('/api/v1/usage/:libraryId/:spaceIds', async (request) => {
    const usages = await services.usage.spaces(await actorOf(services, request), spaceIdsOf(request));
    return usages.map((usage) => ({
      spaceId: usage.spaceId,
      capacity: bytesOrNull(usage.capacity),
      availableSpace: bytesOrNull(usage.availableSpace),
      size: String(usage.size),
    }));
  });

  app.get('/api/v1/stats/:libraryId/space-size', async (request) => {
    const tag = queryOf(request).space_tag;
    const groups = await services.usage.sizeByTag(await actorOf(services, request), tag === '' ? undefined : tag);
    return groups.map((group) => ({ size: String(group.size), spaceTag: group.spaceTag }));
  });

  app.get('/api/v1/stats/:libraryId/traffic/:spaceIds', async (request) => {
    const traffic = await services.usage.traffic(await actorOf(services, request), spaceIdsOf(request));
    return traffic.map((item) => ({ spaceId: item.spaceId, internetTraffic: String(item.internetTraffic) }));
  });
}
