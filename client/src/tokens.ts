import { OpenSmhError } from './errors.js';
import { type FetchLike, queryString, readJson, send } from './transport.js';

export interface TokenGrant {
  accessToken: string;
  /** seconds */
  expiresIn: number;
}

export interface MintOptions {
  /** comma list or array of grants, e.g. `admin` or `upload_file,delete_file` */
  grant?: string | string[];
  userId?: string;
  spaceId?: string | string[];
  /** lifetime in seconds */
  period?: number;
}

function list(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** GET /api/v1/token (core.md T1): a token minted with the library secret. Keep secrets server side in browsers. */
export async function mintToken(fetchImpl: FetchLike, baseUrl: string, libraryId: string, librarySecret: string, options: MintOptions = {}): Promise<TokenGrant> {
  const query = queryString({
    library_id: libraryId,
    library_secret: librarySecret,
    grant: list(options.grant),
    user_id: options.userId,
    space_id: list(options.spaceId),
    period: options.period,
  });
  return readJson<TokenGrant>(await send(fetchImpl, 'GET', `${baseUrl}/api/v1/token${query}`, {}));
}

/** POST /api/v1/token/{L}/{token} (T2): extends a token's life by its period. */
export async function renewToken(fetchImpl: FetchLike, baseUrl: string, libraryId: string, accessToken: string): Promise<TokenGrant> {
  const url = `${baseUrl}/api/v1/token/${encodeURIComponent(libraryId)}/${encodeURIComponent(accessToken)}`;
  return readJson<TokenGrant>(await send(fetchImpl, 'POST', url, {}));
}

/** DELETE /api/v1/token/{L}/{token} (T3). */
export async function deleteToken(fetchImpl: FetchLike, baseUrl: string, libraryId: string, accessToken: string): Promise<void> {
  const url = `${baseUrl}/api/v1/token/${encodeURIComponent(libraryId)}/${encodeURIComponent(accessToken)}`;
  await send(fetchImpl, 'DELETE', url, {});
}

/**
 * Hands out a valid access token: a fixed one, or one minted from the library secret and renewed
 * when less than a fifth of its life (at most 5 minutes) is left, so long transfers never see it
 * expire. Concurrent callers share one mint or renew.
 */
export class TokenSource {
  private current: { token: string; expiresAt: number; lifetime: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly baseUrl: string,
    private readonly libraryId: string,
    private readonly fixed: string | undefined,
    private readonly librarySecret: string | undefined,
    private readonly mintOptions: MintOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (fixed === undefined && librarySecret === undefined) {
      throw new OpenSmhError('give the client an accessToken or a librarySecret');
    }
  }

  async get(): Promise<string> {
    if (this.fixed !== undefined) {
      return this.fixed;
    }
    const current = this.current;
    if (current && current.expiresAt - this.now() > Math.min(300_000, current.lifetime / 5)) {
      return current.token;
    }
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async refresh(): Promise<string> {
    const before = this.now();
    let grant: TokenGrant | null = null;
    if (this.current && this.current.expiresAt > before) {
      grant = await renewToken(this.fetchImpl, this.baseUrl, this.libraryId, this.current.token).catch(() => null);
    }
    grant ??= await mintToken(this.fetchImpl, this.baseUrl, this.libraryId, this.librarySecret as string, this.mintOptions);
    this.current = { token: grant.accessToken, expiresAt: before + grant.expiresIn * 1000, lifetime: grant.expiresIn * 1000 };
    return grant.accessToken;
  }
}
