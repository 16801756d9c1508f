import { SmhError } from '../../../errors/smh-error.js';
import { MAX_SHARE_PATHS, type ShareInput } from '../../../services/share.service.js';
import type { Query } from '../../request-input.js';

/** Reading share bodies and queries (dirs.md §11.1); SDKs send flags as booleans or 0/1. */
type Body = Record<string, unknown>;

function flag(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (value === true || value === 1 || value === '1' || value === 'true') {
    return true;
  }
  if (value === false || value === 0 || value === '0' || value === 'false') {
    return false;
  }
  throw new SmhError('ParamInvalid', `${field} must be a boolean.`);
}

function count(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1_000_000_000) {
    throw new SmhError('ParamInvalid', `${field} must be a non-negative integer.`);
  }
  return n;
}

function text(body: Body, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max) {
    throw new SmhError('ParamInvalid', `${field} must be a string of at most ${max} characters.`);
  }
  return value;
}

export function stringList(body: Body, field: string, max: number): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new SmhError('ParamInvalid', `${field} must be an array of strings.`);
  }
  if (value.length > max) {
    throw new SmhError('TooManyItems', `${field} holds at most ${max} items.`);
  }
  return value as string[];
}

/** An ISO-8601 time as epoch ms. */
export function time(body: Body, field: string): number | undefined {
  const value = text(body, field, 64);
  if (value === undefined || value === '') {
    return undefined;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new SmhError('InvalidTimeFormat', `${field} must be an ISO-8601 time.`);
  }
  return ms;
}

function objectField(body: Body, field: string): Body {
  const value = body[field];
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SmhError('ParamInvalid', `${field} must be an object.`);
  }
  return value as Body;
}

/** The settings of an update: only what the body names. */
export function partialShareInput(body: Body): Partial<ShareInput> {
  const config = objectField(body, 'config');
  return {
    name: text(body, 'name', 255),
    isPermanent: flag(config, 'isPermanent'),
    expireTime: time(config, 'expireTime'),
    extractionCode: text(config, 'extractionCode', 64),
    canPreview: flag(config, 'canPreview'),
    canDownload: flag(config, 'canDownload'),
    canSaveToNetdisk: flag(config, 'canSaveToNetdisk'),
    forbidAnonymousUser: flag(config, 'forbidAnonymousUser'),
    previewLimit: count(config, 'previewLimit'),
    downloadLimit: count(config, 'downloadLimit'),
    userLimit: count(config, 'userLimit'),
    toUsers: stringList(config, 'shareToUsers', 1000),
  };
}

/** Create: `{name, filePath[], config?}` with SMH's defaults (everything off, not permanent). */
export function createShareInput(body: Body): { paths: string[]; input: ShareInput } {
  const paths = stringList(body, 'filePath', MAX_SHARE_PATHS) ?? [];
  const given = partialShareInput(body);
  return {
    paths,
    input: {
      name: given.name ?? '',
      isPermanent: given.isPermanent ?? false,
      expireTime: given.expireTime,
      extractionCode: given.extractionCode ?? '',
      canPreview: given.canPreview ?? false,
      canDownload: given.canDownload ?? false,
      canSaveToNetdisk: given.canSaveToNetdisk ?? false,
      forbidAnonymousUser: given.forbidAnonymousUser ?? false,
      previewLimit: given.previewLimit ?? 0,
      downloadLimit: given.downloadLimit ?? 0,
      userLimit: given.userLimit ?? 0,
      toUsers: given.toUsers ?? [],
    },
  };
}

/** `limit` and an opaque offset `marker` of the share lists. */
export function paging(query: Query, max: number): { offset: number; limit: number } {
  const limitText = query.limit;
  const limit = limitText === undefined || limitText === '' ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new SmhError('ParamInvalid', `limit must be an integer from 1 to ${max}.`);
  }
  const marker = query.marker;
  if (marker === undefined || marker === '') {
    return { offset: 0, limit };
  }
  const offset = /^o\d{1,9}$/.test(marker) ? Number(marker.slice(1)) : Number.NaN;
  if (Number.isNaN(offset)) {
    throw new SmhError('MarkerInvalid');
  }
  return { offset, limit };
}

/** `{contents, marker, hasMore}`; the marker is empty on the last page. */
export function page(contents: unknown[], offset: number, limit: number, hasMore: boolean): Record<string, unknown> {
  return { contents, marker: hasMore ? `o${offset + limit}` : '', hasMore };
}

export function orderType(query: Query | Body, field = 'orderByType'): boolean {
  const value = query[field];
  if (value === undefined || value === null || value === '') {
    return true;
  }
  if (value !== 'asc' && value !== 'desc') {
    throw new SmhError('ParamInvalid', `${field} must be asc or desc.`);
  }
  return value === 'desc';
}

export function shareIdOf(raw: string): number {
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(id)) {
    throw new SmhError('ShareNotFound', 'Share ids are numbers.');
  }
  return id;
}
