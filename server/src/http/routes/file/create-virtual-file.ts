import { toSegments } from '../../../lib/smh-path.js';
import { parseVirtualSize } from '../../../services/virtual-file.service.js';
import { bodyObject, metaHeaders, metaObject, optionalCategory, optionalLabels, optionalString, strategyParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { defaultStrategy } from '../default-strategy.js';
import type { SpaceRequest } from '../params.js';

/**
 * PUT /api/v1/file/{L}/{S}/{Path}?virtual_file — a metadata-only file (files.md §8.6), body
 * optional `{contentType, metaData, labels, category, size}` → 200 `{path, type: "virtual"}`.
 */
export async function createVirtualFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const strategy = strategyParam(input.query, defaultStrategy(input.actor, 'rename'));
  const meta = { ...metaHeaders(input.request), ...(metaObject(body.metaData, false) as Record<string, string> | undefined) };
  const entry = await services.fileOps.virtualFiles.create(
    input.actor,
    input.spaceId,
    input.path,
    {
      contentType: optionalString(body, 'contentType', 255),
      meta,
      labels: optionalLabels(body),
      category: optionalCategory(body),
      size: parseVirtualSize(body.size),
    },
    strategy,
  );
  return input.reply.send({ path: toSegments(entry.path), type: 'virtual' });
}
