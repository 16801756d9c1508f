import { fileHeaders, iso, previewFields } from '../../presenters/entry.js';
import { baseUrlOf, boolParam, intParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** Signed links point at the separate download host when one is configured. */
export function downloadBase(services: Services, input: SpaceRequest): string {
  return services.downloadUrl ?? baseUrlOf(input.request, services.publicUrl);
}

function disposition(input: SpaceRequest): 'inline' | 'attachment' {
  return input.query.content_disposition === 'attachment' ? 'attachment' : 'inline';
}

/** GET /api/v1/file/{L}/{S}/{Path} — 302 to a signed URL plus `x-smh-*` headers (files.md §7.1). */
export async function downloadFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const entry = await services.downloads.resolve(input.actor, input.spaceId, input.path, input.query.history_id);
  await services.recent.recordDownload(input.actor, entry, input.query.purpose);
  const signed = await services.downloads.signedUrl(entry, downloadBase(services, input), disposition(input));
  return input.reply.headers(fileHeaders(entry)).header('Cache-Control', 'no-store').redirect(signed.url, 302);
}

/** HEAD /api/v1/file/{L}/{S}/{Path} — the same headers, no body (files.md §7.2). */
export async function headFile(services: Services, input: SpaceRequest): Promise<unknown> {
  const entry = await services.downloads.resolve(input.actor, input.spaceId, input.path, input.query.history_id);
  return input.reply.headers(fileHeaders(entry)).status(200).send();
}

/** GET …?info — download URL and file details (files.md §7.3). */
export async function fileInfo(services: Services, input: SpaceRequest): Promise<unknown> {
  const entry = await services.downloads.resolve(input.actor, input.spaceId, input.path, input.query.history_id);
  const period = intParam(input.query, 'period', 7200, 60, 7200);
  const body: Record<string, unknown> = {
    type: entry.type,
    creationTime: iso(entry.createdAt),
    modificationTime: iso(entry.modifiedAt),
    contentType: entry.contentType,
    size: String(entry.size),
    eTag: entry.etag,
    crc64: entry.crc64,
    ...previewFields(entry),
    metaData: entry.meta,
    labels: entry.labels,
    category: entry.category,
    localCreationTime: entry.localCreationTime,
    localModificationTime: entry.localModificationTime,
    versionId: entry.versionId,
  };
  if (!boolParam(input.query, 'pre_check')) {
    const signed = await services.downloads.signedUrl(entry, downloadBase(services, input), disposition(input), period);
    body.cosUrl = signed.url;
    body.cosUrlExpiration = iso(signed.expiresAt);
    body.availableCosUrls = [signed.url];
  }
  return input.reply.send(body);
}
