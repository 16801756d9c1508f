import { mediaKindOf } from '../../../lib/mime.js';
import { toSegments } from '../../../lib/smh-path.js';
import { iso } from '../../presenters/entry.js';
import { baseUrlOf, domainOf } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

function domain(services: Services, input: SpaceRequest): string {
  return domainOf(baseUrlOf(input.request, services.publicUrl));
}

/** GET {ConfirmKey}?upload — task status and uploaded parts, for resuming (files.md §6.5). */
export async function uploadStatus(services: Services, input: SpaceRequest): Promise<unknown> {
  const { upload, parts, target } = await services.uploads.status(input.actor, input.spaceId, input.path, domain(services, input));
  const confirmed = upload.status === 'confirmed';
  const body: Record<string, unknown> = {
    confirmed,
    path: toSegments(upload.attributes.confirmedPath ?? upload.path),
    type: input.actor.library.settings.isFileLibrary ? 'file' : (mediaKindOf(upload.path, upload.attributes.contentType) ?? 'file'),
    creationTime: iso(upload.createdAt),
    conflictResolutionStrategy: upload.strategy,
    force: upload.strategy === 'overwrite',
    availableDomainNum: 1,
  };
  if (upload.kind === 'multipart') {
    body.uploadId = upload.confirmKey;
    body.parts = parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: iso(part.createdAt),
      ETag: part.etag,
      Size: part.size,
    }));
    if (target && input.query.no_upload_part_info === undefined) {
      body.uploadPartInfo = {
        domain: target.domain,
        path: target.path,
        uploadId: target.uploadId,
        headers: target.headers,
        expiration: target.expiration,
      };
    }
  }
  return input.reply.send(body);
}

/** POST {ConfirmKey}?renew — fresh signed headers for a multipart task (files.md §6.4). */
export async function renewUpload(services: Services, input: SpaceRequest): Promise<unknown> {
  const target = await services.uploads.renew(input.actor, input.spaceId, input.path, domain(services, input));
  return input.reply.send(target);
}

/** DELETE {ConfirmKey}?upload — cancel; parts and bytes are dropped (files.md §6.6). */
export async function cancelUpload(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.uploads.cancel(input.actor, input.spaceId, input.path);
  return input.reply.status(204).send();
}
