import { SmhError } from '../../../errors/smh-error.js';
import { type FileKind, isFileKind, normaliseExtension } from '../../../lib/file-kinds.js';
import type { RecentCursor } from '../../../stores/meta/recent-store.js';
import { iso, presentListItem } from '../../presenters/entry.js';
import { bodyObject, boolParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import { decodeOpaqueMarker, encodeOpaqueMarker, hasFields } from '../opaque-marker.js';
import type { SpaceRequest } from '../params.js';

const MAX_LIMIT = 100;

function isCursor(value: unknown): value is RecentCursor {
  return (
    hasFields(value, { operatedAt: 'number', entryId: 'string', action: 'string' }) && (value.action === 'preview' || value.action === 'modify')
  );
}

/** `type`: a kind name or an array of kind names and extensions (files.md §7.8). */
function typeFilter(value: unknown): { kinds: FileKind[]; extensions: string[] } {
  const list = value === undefined || value === null ? [] : typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length > MAX_LIMIT) {
    throw new SmhError('ParamInvalid', 'type must be a string or an array of strings.');
  }
  const kinds: FileKind[] = [];
  const extensions: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && isFileKind(item)) {
      kinds.push(item);
      continue;
    }
    const ext = typeof item === 'string' && item.startsWith('.') ? normaliseExtension(item) : null;
    if (ext === null) {
      throw new SmhError('ParamInvalid', `Unknown type ${JSON.stringify(item)}.`);
    }
    extensions.push(ext);
  }
  return { kinds, extensions };
}

function limitOf(value: unknown): number {
  if (value === undefined || value === null) {
    return 20;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new SmhError('ParamInvalid', `limit must be an integer between 1 and ${MAX_LIMIT}.`);
  }
  return value;
}

/** POST /api/v1/recent/{L}/{S}/recently-used-file — the caller's recently used files (D16). */
export async function recentlyUsedFiles(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const action = body.filterActionBy ?? null;
  if (action !== null && action !== 'preview' && action !== 'modify') {
    throw new SmhError('ParamInvalid', 'filterActionBy must be preview or modify.');
  }
  if (body.marker !== undefined && body.marker !== null && typeof body.marker !== 'string') {
    throw new SmhError('ParamInvalid', 'marker must be a string.');
  }
  const listing = await services.recent.list(input.actor, input.spaceId, {
    action,
    ...typeFilter(body.type),
    after: body.marker ? decodeOpaqueMarker(body.marker, isCursor) : null,
    limit: limitOf(body.limit),
  });
  const entries = listing.items.map((item) => item.entry);
  const withFavorites = body.withFavoriteStatus === true || boolParam(input.query, 'with_favorite_status');
  const flags = withFavorites ? await services.favorites.favoritedAmong(input.actor, input.spaceId, entries) : null;
  const contents = listing.items.map(({ use, entry }) => {
    const { path, ...item } = presentListItem(entry, true);
    return {
      ...item,
      ...(body.withPath === true ? { path } : {}),
      ...(flags ? { isFavorite: flags.has(entry.id) } : {}),
      spaceId: use.spaceId,
      actionType: use.action,
      operationTime: iso(use.operatedAt),
    };
  });
  return input.reply.send(listing.nextCursor ? { nextMarker: encodeOpaqueMarker(listing.nextCursor), contents } : { contents });
}
