import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** POST /api/v1/recycled/{L}/{S}?lifecycle — R9: body `{"retentionDays": n}` (the service checks n after the grants). */
export async function setRecycleLifecycle(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = input.request.body;
  const days = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { retentionDays?: unknown }).retentionDays : undefined;
  await services.recycleBin.setRetention(input.actor, input.spaceId, days);
  return input.reply.status(204).send();
}
