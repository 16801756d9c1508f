import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../../plugins/auth.js';
import { presentQuotaInfo, presentSpaceQuota } from '../../presenters/quota.js';
import { bodyObject } from '../../request-input.js';
import type { Services } from '../../services.js';

interface QuotaParams {
  libraryId: string;
  target: string;
}

async function actorOf(services: Services, request: FastifyRequest) {
  return authenticate(services, request, (request.params as QuotaParams).libraryId);
}

/**
 * Quotas, Q1–Q5 and Q2b (core.md §5). `/quota/{L}/{X}` serves two endpoints each for GET and
 * PUT; QuotaService.resolve decides which: a space when the library has one called X, else a
 * quota id when X is a decimal number.
 */
export function registerQuotaRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/quota/:libraryId', async (request, reply) => {
    const actor = await actorOf(services, request);
    const quotaId = await services.quotas.create(actor, bodyObject(request));
    return reply.status(201).send({ quotaId });
  });

  app.get('/api/v1/quota/:libraryId/:target', async (request) => {
    const actor = await actorOf(services, request);
    const target = await services.quotas.resolve(actor, (request.params as QuotaParams).target);
    return target.kind === 'space'
      ? presentSpaceQuota(await services.quotas.ofSpace(actor, target.spaceId))
      : presentQuotaInfo(await services.quotas.get(actor, target.id));
  });

  app.put('/api/v1/quota/:libraryId/:target', async (request, reply) => {
    const actor = await actorOf(services, request);
    const target = await services.quotas.resolve(actor, (request.params as QuotaParams).target);
    const body = bodyObject(request);
    if (target.kind === 'space') {
      await services.quotas.updateBySpace(actor, target.spaceId, body);
    } else {
      await services.quotas.updateById(actor, target.id, body);
    }
    return reply.status(204).send();
  });

  // Q2b: the JS SDK's unambiguous spelling of Q2.
  app.get('/api/v1/space-quota/:libraryId/:target', async (request) => {
    const actor = await actorOf(services, request);
    return presentSpaceQuota(await services.quotas.ofSpace(actor, (request.params as QuotaParams).target));
  });
}
