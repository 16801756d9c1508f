import { directoryEtag, presentInfo } from '../../presenters/entry.js';
import { boolParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** GET …?info — details of a file or directory (D4), with If-None-Match for directories. */
export async function directoryInfo(services: Services, input: SpaceRequest): Promise<unknown> {
  const entry = await services.directories.info(input.actor, input.spaceId, input.path);
  const eTag = entry.type === 'dir' ? directoryEtag(entry) : entry.etag;
  input.reply.header('ETag', entry.type === 'dir' ? `"${eTag}"` : eTag);
  const ifNoneMatch = input.request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.replace(/"/g, '') === eTag.replace(/"/g, '')) {
    return input.reply.status(304).send();
  }
  return input.reply.send(presentInfo(entry, boolParam(input.query, 'with_inode')));
}

/** HEAD — does the directory exist (D5). */
export async function headDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.directories.exists(input.actor, input.spaceId, input.path);
  return input.reply.status(200).send();
}
