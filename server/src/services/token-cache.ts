import type { Coordinator } from '../stores/coord/coordinator.js';
import type { Token } from '../stores/meta/meta-store.js';

const CHANNEL = 'tokens-revoked';
const MAX_ENTRIES = 100_000;

/**
 * A short-lived per-node cache of token lookups, so a busy client does not cost a database read
 * per request. Revocations are published through the coordinator, so every node (Redis) or this
 * process (in-memory) drops the token at once instead of serving it until the entry ages out.
 */
export class TokenCache {
  private readonly entries = new Map<string, { token: Token; cachedAt: number }>();

  private constructor(
    private readonly coord: Coordinator,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  static async create(coord: Coordinator, ttlMs: number, now: () => number): Promise<TokenCache> {
    const cache = new TokenCache(coord, ttlMs, now);
    await coord.subscribe(CHANNEL, (message) => cache.evict(message));
    return cache;
  }

  get(tokenHash: string): Token | null {
    const hit = this.entries.get(tokenHash);
    if (!hit || this.now() - hit.cachedAt >= this.ttlMs) {
      return null;
    }
    return hit.token;
  }

  set(token: Token): void {
    if (this.ttlMs <= 0) {
      return;
    }
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
    }
    this.entries.set(token.tokenHash, { token, cachedAt: this.now() });
  }

  /** One token (`hash:<h>`) or every token of a library (`library:<id>`) is gone everywhere. */
  async revokeToken(tokenHash: string): Promise<void> {
    await this.coord.publish(CHANNEL, `hash:${tokenHash}`);
  }

  async revokeLibrary(libraryId: string): Promise<void> {
    await this.coord.publish(CHANNEL, `library:${libraryId}`);
  }

  private evict(message: string): void {
    if (message.startsWith('hash:')) {
      this.entries.delete(message.slice(5));
      return;
    }
    const libraryId = message.slice('library:'.length);
    for (const [hash, { token }] of this.entries) {
      if (token.libraryId === libraryId) {
        this.entries.delete(hash);
      }
    }
  }
}
