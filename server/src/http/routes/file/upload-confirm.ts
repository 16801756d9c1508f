import {
  boolParam,
  bodyObject,
  optionalCategory,
  optionalCrc64,
  optionalLabels,
  optionalStrategy,
  optionalString,
} from '../../request-input.js';
import { presentConfirmedFile } from '../../presenters/entry.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** POST /api/v1/file/{L}/{S}/{ConfirmKey}?confirm — files.md §6.8. */
export async function confirmUpload(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const { entry, isOverwritten } = await services.uploads.confirm(input.actor, input.spaceId, input.path, {
    crc64: optionalCrc64(body),
    strategy: optionalStrategy(input.query),
    labels: optionalLabels(body),
    category: optionalCategory(body),
    localCreationTime: optionalString(body, 'localCreationTime', 64),
    localModificationTime: optionalString(body, 'localModificationTime', 64),
  });
  await services.mediaPrepare.afterUpload(entry);
  return input.reply.send(presentConfirmedFile(entry, isOverwritten, boolParam(input.query, 'with_inode')));
}
