import type { UploadKind } from '../../../stores/meta/meta-store.js';
import {
  baseUrlOf,
  bodyObject,
  domainOf,
  intParam,
  metaHeaders,
  optionalCategory,
  optionalLabels,
  optionalString,
  strategyParam,
} from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/**
 * Initiate simple (PUT), multipart (POST ?multipart) or form (POST) upload — files.md §6.1–6.3.
 * Answers 201 with the storage target. Quick-upload hashes are accepted and stored for later.
 */
export async function initiateUpload(services: Services, input: SpaceRequest, kind: UploadKind): Promise<unknown> {
  const body = bodyObject(input.request);
  const library = input.actor.library;
  const fallback = library.settings.defaultConflictResolutionStrategy ?? 'rename';
  const target = await services.uploads.initiate(
    input.actor,
    input.spaceId,
    input.path,
    kind,
    {
      strategy: strategyParam(input.query, fallback),
      meta: metaHeaders(input.request),
      labels: optionalLabels(body),
      category: optionalCategory(body),
      localCreationTime: optionalString(body, 'localCreationTime', 64),
      localModificationTime: optionalString(body, 'localModificationTime', 64),
      expectedSize: input.query.filesize ? intParam(input.query, 'filesize', 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
    },
    domainOf(baseUrlOf(input.request, services.publicUrl)),
  );
  return input.reply.status(201).send(target);
}
