import { createHash, timingSafeEqual } from 'node:crypto';
import { SmhError } from '../errors/smh-error.js';
import { newAccessToken } from '../lib/ids.js';
import type { Library, MetaStore, Token } from '../stores/meta/meta-store.js';
import { type Actor, GRANTS } from './actor.js';
import type { Clock } from './deps.js';
import type { TokenCache } from './token-cache.js';
import type { Coordinator } from '../stores/coord/coordinator.js';

export const DEFAULT_PERIOD = 86400;
export const MIN_PERIOD = 1200;
/** SMH names no maximum; ours keeps the period a 32-bit integer, as the tokens table stores it. */
export const MAX_PERIOD = 2_147_483_647;
const MAX_ID_LENGTH = 128;
/** Sliding expiry is written back at most once a minute per token, not on every request. */
const RENEW_WRITE_SLACK_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A `user_id` that will be recorded as an identity (token owner, or an admin acting as it). */
export function checkUserId(userId: string): string {
  if (userId.length > MAX_ID_LENGTH) {
    throw new SmhError('UserIdLengthExceed');
  }
  return userId;
}

export function secretMatches(library: Library, secret: string): boolean {
  const a = Buffer.from(hashToken(library.secret));
  const b = Buffer.from(hashToken(secret));
  return timingSafeEqual(a, b);
}

export interface CreateTokenInput {
  libraryId?: string;
  librarySecret?: string;
  spaceIds: string[];
  userId: string;
  clientId: string;
  sessionId: string;
  period?: string;
  grants: string[];
  /** T1 `allow_space_tag`: the token only reaches spaces tagged with one of these */
  allowSpaceTags?: string[];
}

/** Non-positive or invalid → default; below the minimum → raised to it (core.md T1); above ours → lowered. */
export function effectivePeriod(raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    return DEFAULT_PERIOD;
  }
  return Math.min(MAX_PERIOD, Math.max(MIN_PERIOD, Math.floor(value)));
}

function checkSpaceTags(tags: string[]): string[] {
  if (tags.length > 20 || tags.some((tag) => tag.length === 0 || tag.length > 64)) {
    throw new SmhError('ParamInvalid', 'allow_space_tag takes at most 20 tags of 1–64 characters.');
  }
  return [...new Set(tags)];
}

export class TokenService {
  constructor(
    private readonly deps: {
      meta: MetaStore;
      clock: Clock;
      cache: TokenCache;
      coord: Coordinator;
      /** tokens one library may create per minute */
      rateLimit: number;
    },
  ) {}

  /** Checks a library id + secret pair (T1, T4). */
  async authenticateLibrary(libraryId: string | undefined, secret: string | undefined): Promise<Library> {
    if (!libraryId && !secret) {
      throw new SmhError('EmptyLibraryIdOrSecret');
    }
    if (!libraryId) {
      throw new SmhError('EmptyLibraryId');
    }
    if (!secret) {
      throw new SmhError('EmptyLibrarySecret');
    }
    const library = await this.deps.meta.libraries.get(libraryId);
    if (!library) {
      throw new SmhError('LibraryNotFound');
    }
    if (!secretMatches(library, secret)) {
      throw new SmhError('WrongLibraryIdOrSecret');
    }
    return library;
  }

  async create(input: CreateTokenInput): Promise<{ accessToken: string; expiresIn: number }> {
    const library = await this.authenticateLibrary(input.libraryId, input.librarySecret);
    if (!(await this.deps.coord.hit(`token-create:${library.id}`, this.deps.rateLimit, 60_000))) {
      throw new SmhError('RateLimitExceeded', 'Too many access tokens created for this library; retry in a minute.');
    }
    checkUserId(input.userId);
    if (input.clientId.length > MAX_ID_LENGTH) {
      throw new SmhError('ClientIdLengthExceed');
    }
    if (input.sessionId.length > MAX_ID_LENGTH) {
      throw new SmhError('ParamInvalid', `session_id must be at most ${MAX_ID_LENGTH} characters.`);
    }
    for (const grant of input.grants) {
      if (!(GRANTS as readonly string[]).includes(grant)) {
        throw new SmhError('ParamInvalid', `Unknown grant "${grant}".`);
      }
    }
    const spaceIds = library.settings.isMultiSpace ? input.spaceIds : [];
    for (const spaceId of spaceIds) {
      if (!(await this.deps.meta.spaces.get(library.id, spaceId))) {
        throw new SmhError('SpaceNotFound', `Space ${spaceId} does not exist.`);
      }
    }
    const period = effectivePeriod(input.period);
    const accessToken = newAccessToken();
    const now = this.deps.clock.now();
    await this.deps.meta.tokens.insert({
      tokenHash: hashToken(accessToken),
      libraryId: library.id,
      spaceIds,
      userId: input.userId,
      clientId: input.clientId,
      sessionId: input.sessionId,
      grants: [...new Set(input.grants)],
      allowSpaceTags: checkSpaceTags(input.allowSpaceTags ?? []),
      period,
      expiresAt: now + period * 1000,
      createdAt: now,
    });
    return { accessToken, expiresIn: period };
  }

  /** Finds a live token of `libraryId`, sliding its expiry forward (core.md §2.3). */
  async use(libraryId: string, accessToken: string): Promise<Token> {
    const tokenHash = hashToken(accessToken);
    const token = this.deps.cache.get(tokenHash) ?? (await this.deps.meta.tokens.get(tokenHash));
    const now = this.deps.clock.now();
    if (!token || token.expiresAt <= now) {
      throw new SmhError('InvalidAccessToken');
    }
    if (token.libraryId !== libraryId) {
      throw new SmhError('InvalidAccessToken', 'The access token belongs to another library.');
    }
    const slid = now + token.period * 1000;
    if (slid - token.expiresAt > RENEW_WRITE_SLACK_MS) {
      await this.deps.meta.tokens.setExpiry(token.tokenHash, slid);
      token.expiresAt = slid;
    }
    this.deps.cache.set(token);
    return token;
  }

  async renew(libraryId: string, accessToken: string): Promise<{ accessToken: string; expiresIn: number }> {
    const token = await this.use(libraryId, accessToken);
    const expiresAt = this.deps.clock.now() + token.period * 1000;
    await this.deps.meta.tokens.setExpiry(token.tokenHash, expiresAt);
    return { accessToken, expiresIn: token.period };
  }

  async delete(libraryId: string, accessToken: string): Promise<void> {
    const token = await this.use(libraryId, accessToken);
    await this.deps.meta.tokens.delete(token.tokenHash);
    await this.deps.cache.revokeToken(token.tokenHash);
  }

  /** Every token of a library stops working on every node (library deleted). */
  async revokeLibrary(libraryId: string): Promise<void> {
    await this.deps.cache.revokeLibrary(libraryId);
  }

  /** T4: an empty user id list means tokens minted without a user id, never "all tokens". */
  async deleteByUser(
    libraryId: string | undefined,
    secret: string | undefined,
    userIds: string[],
    clientIds: string[] | null,
    sessionIds: string[] | null,
  ): Promise<void> {
    const library = await this.authenticateLibrary(libraryId, secret);
    for (const list of [clientIds, sessionIds]) {
      if (list && list.length > 100) {
        throw new SmhError('TooManyItems', 'At most 100 client or session ids per call.');
      }
    }
    await this.deps.meta.tokens.deleteByUser(library.id, userIds.length > 0 ? userIds : [''], clientIds, sessionIds);
    // The cache does not know which tokens matched; dropping the library's entries is cheap.
    await this.deps.cache.revokeLibrary(library.id);
  }

  /** Builds the request's Actor from a token, honouring `user_id` for user-less admin tokens. */
  actorFrom(library: Library, token: Token, requestedUserId: string | undefined): Actor {
    const grants = new Set(token.grants);
    const canImpersonate = grants.has('admin') && token.userId === '';
    return {
      kind: 'token',
      library,
      spaceIds: library.settings.isMultiSpace ? token.spaceIds : null,
      grants,
      userId: canImpersonate && requestedUserId ? checkUserId(requestedUserId) : token.userId,
      ...(token.allowSpaceTags.length > 0 ? { allowSpaceTags: token.allowSpaceTags } : {}),
    };
  }
}
