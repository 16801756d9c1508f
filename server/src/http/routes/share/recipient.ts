import type { FastifyReply, FastifyRequest } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { fileHeaders, iso } from '../../presenters/entry.js';
import { presentShareFile, presentUrlDetail } from '../../presenters/share.js';
import { authenticate } from '../../plugins/auth.js';
import { baseUrlOf, bodyObject, hasFlag, optionalString, type Query, queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';
import { itemStrategy, sendSubmitted } from '../batch/batch-body.js';
import type { SpaceRequest } from '../params.js';
import { orderType, page, paging, stringList } from './share-body.js';

/** The recipient side (dirs.md §11.1): the link's code in the path, a share access token in the query. */
export interface ShareRequest {
  code: string;
  inodes: string[];
  query: Query;
  request: FastifyRequest;
  reply: FastifyReply;
}

export function shareRequest(request: FastifyRequest, reply: FastifyReply): ShareRequest {
  const params = request.params as { code: string; '*'?: string };
  const inodes = (params['*'] ?? '').split('/').filter((inode) => inode !== '');
  return { code: params.code, inodes, query: queryOf(request), request, reply };
}

/** The share token rides as `share_access_token` (or, on the share's own paths, `access_token`). */
function shareToken(input: ShareRequest): string | undefined {
  return input.query.share_access_token || input.query.access_token || undefined;
}

/** GET /api/v1/share/url-detail/{code} */
export async function urlDetail(services: Services, input: ShareRequest): Promise<unknown> {
  const { share, items } = await services.shareAccess.urlDetail(input.code);
  return input.reply.send(presentUrlDetail(share, items, services.shares.now(), baseUrlOf(input.request, services.publicUrl)));
}

/** POST /api/v1/share/verify/{code} — `{extractionCode, libraryId?, access_token?}` → `{accessToken, expireTime}`. */
export async function verifyShare(services: Services, input: ShareRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const extractionCode = optionalString(body, 'extractionCode', 64) ?? '';
  const login = { accessToken: optionalString(body, 'access_token') ?? (input.query.access_token || undefined), libraryId: optionalString(body, 'libraryId') };
  const minted = await services.shareAccess.verify(input.code, extractionCode, login, input.request.ip);
  return input.reply.send({ accessToken: minted.token, expireTime: iso(minted.expiresAt) });
}

const ORDER_BY = ['name', 'size', 'updatedAt'] as const;

/** GET /api/v1/share/file/{code}/{inodes}?list=1|preview=1|download=1 */
export async function shareFile(services: Services, input: ShareRequest): Promise<unknown> {
  const opened = await services.shareAccess.open(input.code, shareToken(input));
  if (hasFlag(input.query, 'list')) {
    const { offset, limit } = paging(input.query, 100);
    const orderBy = input.query.orderBy || 'name';
    if (!(ORDER_BY as readonly string[]).includes(orderBy)) {
      throw new SmhError('ParamInvalid', `orderBy must be one of ${ORDER_BY.join(', ')}.`);
    }
    const options = { orderBy: orderBy as (typeof ORDER_BY)[number], descending: orderType(input.query) && input.query.orderByType === 'desc', offset, limit };
    const listing = await services.shareAccess.list(opened, input.inodes, options);
    const contents = listing.items.map((entry) => presentShareFile(opened.share, entry));
    return input.reply.send(page(contents, offset, limit, listing.hasMore));
  }
  const kind = hasFlag(input.query, 'preview') ? 'preview' : hasFlag(input.query, 'download') ? 'download' : null;
  if (kind === null) {
    throw new SmhError('RouteNotFound', 'A share file request needs ?list, ?preview or ?download.');
  }
  const entry = await services.shareAccess.fetch(opened, input.inodes, kind);
  const signed = await services.downloads.signedUrl(entry, baseUrlOf(input.request, services.publicUrl), kind === 'preview' ? 'inline' : 'attachment');
  return input.reply.headers(fileHeaders(entry)).header('Cache-Control', 'no-store').redirect(signed.url, 302);
}

function inodeList(value: unknown, field: string): string[] {
  if (value === undefined || value === null || value === '') {
    return [];
  }
  if (typeof value === 'string') {
    return value.split('/').filter((inode) => inode !== '');
  }
  const list = stringList({ [field]: value }, field, 1000);
  return list ?? [];
}

/**
 * POST /api/v1/share/file/{code}?save=1 — `{targetSpaceId, targetPath?, sourceInodesPath, inodes[],
 * conflictResolutionStrategy?}`; the saver's own token is `access_token` (of `libraryId`, default
 * the share's library), the share's token `share_access_token`.
 */
export async function saveShare(services: Services, input: ShareRequest): Promise<unknown> {
  if (!hasFlag(input.query, 'save')) {
    throw new SmhError('RouteNotFound', 'Saving a share needs ?save.');
  }
  const opened = await services.shareAccess.open(input.code, input.query.share_access_token);
  const body = bodyObject(input.request);
  const libraryId = optionalString(body, 'libraryId') ?? input.query.library_id ?? opened.share.libraryId;
  const actor = await authenticate(services, input.request, libraryId);
  const spaceId = optionalString(body, 'targetSpaceId') ?? '';
  const inodes = inodeList(body.inodes, 'inodes');
  if (inodes.length === 0) {
    throw new SmhError('NoItemsProvided');
  }
  const target = { spaceId, path: (optionalString(body, 'targetPath', 4096) ?? '').replace(/^\/+|\/+$/g, ''), strategy: itemStrategy(body, 0) };
  const { request, submitted } = await services.shareAccess.save(opened, actor, target, inodeList(body.sourceInodesPath, 'sourceInodesPath'), inodes);
  const spaceRequest: SpaceRequest = { actor, spaceId, path: '', query: input.query, request: input.request, reply: input.reply };
  return sendSubmitted(spaceRequest, request, submitted);
}
