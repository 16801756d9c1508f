import type { UploadInput } from '../../../services/upload.service.js';
import type { UploadKind } from '../../../stores/meta/meta-store.js';
import { presentConfirmedFile } from '../../presenters/entry.js';
import {
  baseUrlOf,
  boolParam,
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
import { quickHashes } from './quick-hashes.js';

/**
 * Initiate simple (PUT), multipart (POST ?multipart) or form (POST) upload — files.md §6.1–6.3.
 * Answers 201 with the storage target, or 202/200 for a quick upload (instant-upload.service.ts).
 */
export async function initiateUpload(services: Services, input: SpaceRequest, kind: UploadKind): Promise<unknown> {
  const body = bodyObject(input.request);
  const library = input.actor.library;
  const fallback = library.settings.defaultConflictResolutionStrategy ?? 'rename';
  const upload: UploadInput = {
    strategy: strategyParam(input.query, fallback),
    meta: metaHeaders(input.request),
    labels: optionalLabels(body),
    category: optionalCategory(body),
    localCreationTime: optionalString(body, 'localCreationTime', 64),
    localModificationTime: optionalString(body, 'localModificationTime', 64),
    expectedSize: input.query.filesize ? intParam(input.query, 'filesize', 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
  };
  // Quick upload (files.md §3.2): 202 asks for the full hash, 200 is the finished file; no hit
  // (or no hashes) falls through to a normal upload's 201.
  const hashes = quickHashes(body);
  const instant = hashes && (await services.instantUploads.attempt(input.actor, input.spaceId, input.path, upload, hashes));
  if (instant && instant.kind === 'probe') {
    return input.reply.status(202).send();
  }
  if (instant && instant.kind === 'linked') {
    return input.reply.send(presentConfirmedFile(instant.entry, instant.isOverwritten, boolParam(input.query, 'with_inode')));
  }
  const target = await services.uploads.initiate(input.actor, input.spaceId, input.path, kind, upload, domainOf(baseUrlOf(input.request, services.publicUrl)));
  return input.reply.status(201).send(target);
}
