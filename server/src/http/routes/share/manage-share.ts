import { SmhError } from '../../../errors/smh-error.js';
import type { ShareOrder } from '../../../stores/meta/share-store.js';
import { presentShareCreated, presentShareDetail } from '../../presenters/share.js';
import { baseUrlOf, bodyObject, hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';
import { createShareInput, orderType, page, paging, partialShareInput, shareIdOf, time } from './share-body.js';

/** POST /api/v1/share/{L}/{S} — create a share of paths in space S. */
export async function createShare(services: Services, input: SpaceRequest): Promise<unknown> {
  const { paths, input: settings } = createShareInput(bodyObject(input.request));
  const share = await services.shares.create(input.actor, input.spaceId, paths, settings);
  return input.reply.status(200).send(presentShareCreated(share, baseUrlOf(input.request, services.publicUrl)));
}

/** GET /api/v1/share/{L}/{ShareId}?detail=1&with_file_info=0|1 */
export async function shareDetail(services: Services, input: SpaceRequest): Promise<unknown> {
  const { share, items } = await services.shares.detail(input.actor, shareIdOf(input.spaceId), hasFlag(input.query, 'with_file_info'));
  return input.reply.send(presentShareDetail(share, services.shares.now(), items));
}

/** POST /api/v1/share/{L}/{ShareId}?update=1 — new settings; counters start again from zero. */
export async function updateShare(services: Services, input: SpaceRequest): Promise<unknown> {
  const share = await services.shares.update(input.actor, shareIdOf(input.spaceId), partialShareInput(bodyObject(input.request)));
  return input.reply.send(presentShareCreated(share, baseUrlOf(input.request, services.publicUrl)));
}

/** POST /api/v1/share/{L}/{ShareId}?setEnabled=1 — `{ownerEnabled?, adminEnabled?}`; 204. */
export async function setShareEnabled(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const switches: { ownerEnabled?: boolean; adminEnabled?: boolean } = {};
  for (const field of ['ownerEnabled', 'adminEnabled'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null) {
      if (typeof value !== 'boolean') {
        throw new SmhError('ParamInvalid', `${field} must be a boolean.`);
      }
      switches[field] = value;
    }
  }
  if (Object.keys(switches).length === 0) {
    throw new SmhError('ParamInvalid', 'Give ownerEnabled or adminEnabled.');
  }
  await services.shares.setEnabled(input.actor, shareIdOf(input.spaceId), switches);
  return input.reply.status(204).send();
}

/** DELETE /api/v1/share/{L}/{ShareId} — 204. */
export async function deleteShare(services: Services, input: SpaceRequest): Promise<unknown> {
  await services.shares.delete(input.actor, shareIdOf(input.spaceId));
  return input.reply.status(204).send();
}

const ORDERS: readonly ShareOrder[] = ['createTime', 'expireTime', 'name', 'creatorId'];

function orderOf(value: unknown): ShareOrder {
  if (value === undefined || value === null || value === '') {
    return 'createTime';
  }
  if (typeof value !== 'string' || !ORDERS.includes(value as ShareOrder)) {
    throw new SmhError('ParamInvalid', `orderBy must be one of ${ORDERS.join(', ')}.`);
  }
  return value as ShareOrder;
}

/** GET /api/v1/share/{L}/list — own shares (admins: all, or `creatorId`'s). */
export async function listShares(services: Services, input: SpaceRequest): Promise<unknown> {
  const { offset, limit } = paging(input.query, 100);
  const query = {
    orderBy: orderOf(input.query.orderBy),
    descending: orderType(input.query),
    creatorId: input.query.creatorId || undefined,
    offset,
    limit: limit + 1,
  };
  const found = await services.shares.list(input.actor, query, hasFlag(input.query, 'with_file_info'));
  const now = services.shares.now();
  const contents = found.slice(0, limit).map(({ share, items }) => presentShareDetail(share, now, items));
  return input.reply.send(page(contents, offset, limit, found.length > limit));
}

/** POST /api/v1/share/{L}/search — admins; filters in the body. */
export async function searchShares(services: Services, input: SpaceRequest): Promise<unknown> {
  const { offset, limit } = paging(input.query, 50);
  const body = bodyObject(input.request);
  const name = body.name;
  const creatorId = body.creatorId;
  if ((name !== undefined && typeof name !== 'string') || (creatorId !== undefined && typeof creatorId !== 'string')) {
    throw new SmhError('ParamInvalid', 'name and creatorId must be strings.');
  }
  const found = await services.shares.search(input.actor, {
    nameContains: name || undefined,
    creatorId: creatorId || undefined,
    orderBy: orderOf(body.orderBy),
    descending: orderType(body),
    expireFrom: time(body, 'expireTimeStart'),
    expireTo: time(body, 'expireTimeEnd'),
    createFrom: time(body, 'createTimeStart'),
    createTo: time(body, 'createTimeEnd'),
    offset,
    limit: limit + 1,
  });
  const now = services.shares.now();
  const contents = found.slice(0, limit).map(({ share }) => presentShareDetail(share, now));
  return input.reply.send(page(contents, offset, limit, found.length > limit));
}
