import { SmhError } from '../../../errors/smh-error.js';
import type { RecycledView } from '../../../services/recycle-bin.service.js';
import { iso } from '../../presenters/entry.js';
import { presentRecycledInfo } from '../../presenters/recycled-item.js';
import { baseUrlOf } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { parsePreviewSpec } from '../file/preview-params.js';
import { redirectToRendition } from '../file/preview.js';
import { itemIdParam } from './recycled-input.js';

async function signedUrlOf(services: Services, input: SpaceRequest, view: RecycledView) {
  // The bytes are still there (recycling copies nothing), so the usual signed download works.
  return services.downloads.signedUrl(view.entry, services.downloadUrl ?? baseUrlOf(input.request, services.publicUrl), 'inline');
}

/** GET /api/v1/recycled/{L}/{S}/{Id}?info — R2; files carry a cosUrl that downloads them. */
export async function recycledItemInfo(services: Services, input: SpaceRequest): Promise<unknown> {
  const view = await services.recycleBin.info(input.actor, input.spaceId, itemIdParam(input.request));
  const body = presentRecycledInfo(view, services.recycleBin.authority(input.actor));
  if (view.entry.blobKey) {
    const signed = await signedUrlOf(services, input, view);
    Object.assign(body, { cosUrl: signed.url, cosUrlExpiration: iso(signed.expiresAt), availableCosUrls: [signed.url] });
  }
  return input.reply.send(body);
}

/** GET …?preview — R3: the same thumbnails and document previews as a live file's `?preview`. */
export async function recycledItemPreview(services: Services, input: SpaceRequest): Promise<unknown> {
  const view = await services.recycleBin.info(input.actor, input.spaceId, itemIdParam(input.request));
  if (!view.entry.blobKey) {
    throw new SmhError('UnsupportedFileType', 'Directories have no preview.');
  }
  const rendition = await services.renditions.preview(view.entry, parsePreviewSpec(input.query));
  if (rendition) {
    return redirectToRendition(services, input, view.entry, rendition);
  }
  const signed = await signedUrlOf(services, input, view);
  return input.reply.header('Cache-Control', 'no-store').redirect(signed.url, 302);
}
