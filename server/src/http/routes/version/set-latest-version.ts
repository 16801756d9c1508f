import { parseHistoryId } from '../../../services/version-lookup.js';
import { presentRestored } from '../../presenters/version.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** POST /api/v1/directory-history/{L}/{S}/latest-version/{HistoryId} — H3 (files.md §9.4). */
export async function setLatestVersion(services: Services, input: SpaceRequest): Promise<unknown> {
  const { historyId } = input.request.params as { historyId: string };
  const entry = await services.versions.setLatest(input.actor, input.spaceId, parseHistoryId(historyId));
  return input.reply.send(presentRestored(entry));
}
