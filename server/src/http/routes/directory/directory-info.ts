import { ifNoneMatchHits } from '../../if-none-match.js';
import { directoryEtag, presentInfo } from '../../presenters/entry.js';
import { boolParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { favoriteFlags, withFavorite } from '../favorite/favorite-flags.js';
import type { SpaceRequest } from '../params.js';

/** GET …?info — details of a file or directory (D4), with If-None-Match for directories. */
export async function directoryInfo(services: Services, input: SpaceRequest): Promise<unknown> {
  const entry = await services.directories.info(input.actor, input.spaceId, input.path);
  const eTag = entry.type === 'dir' ? directoryEtag(entry) : entry.etag;
  input.reply.header('ETag', entry.type === 'dir' ? `"${eTag}"` : eTag);
  if (ifNoneMatchHits(input.request.headers['if-none-match'], eTag)) {
    return input.reply.status(304).send();
  }
  const flags = await favoriteFlags(services, input, [entry]);
  const historySize = await services.versions.historySize(entry);
  return input.reply.send(withFavorite(presentInfo(entry, boolParam(input.query, 'with_inode'), historySize), entry, flags));
}

/** HEAD — does the directory exist (D5). */
export async function headDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.directories.exists(input.actor, input.spaceId, input.path);
  return input.reply.status(200).send();
}
