import type { Rendition } from '../../../stores/meta/rendition-store.js';
import type { Entry } from '../../../stores/meta/meta-store.js';
import { baseUrlOf } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { downloadFile } from './download.js';
import { parsePreviewSpec } from './preview-params.js';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'text/html; charset=utf-8': 'html' };

/**
 * 302 to a signed URL of a kept rendition, usable as `<img src>`. HTML previews always go
 * through this server, which serves them sandboxed; images may be presigned bucket URLs.
 */
export async function redirectToRendition(services: Services, input: SpaceRequest, source: Entry, rendition: Rendition): Promise<unknown> {
  const stem = source.name.replace(/\.[^.]*$/, '') || 'preview';
  const target = {
    ...source,
    blobKey: rendition.blobKey,
    name: `${stem}.${EXTENSIONS[rendition.contentType] ?? 'bin'}`,
    contentType: rendition.contentType,
    etag: `"${rendition.blobKey}"`,
  };
  const isHtml = rendition.contentType.startsWith('text/html');
  const signed = await services.downloads.signedUrl(target, baseUrlOf(input.request, services.publicUrl), 'inline', undefined, { proxy: isHtml });
  return input.reply.header('Cache-Control', 'no-store').redirect(signed.url, 302);
}

/**
 * GET /api/v1/file/{L}/{S}/{Path}?preview — thumbnail, video cover or document preview
 * (files.md §7.6, §7.7). What this node cannot render answers like a download, as SMH does.
 */
export async function previewFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const spec = parsePreviewSpec(input.query);
  const entry = await services.downloads.resolve(input.actor, input.spaceId, input.path, input.query.history_id);
  const rendition = await services.renditions.preview(entry, spec);
  if (!rendition) {
    return downloadFile(services, input);
  }
  await services.recent.recordDownload(input.actor, entry, input.query.purpose);
  return redirectToRendition(services, input, entry, rendition);
}
