import { SmhError } from '../errors/smh-error.js';
import type { Coordinator } from '../stores/coord/coordinator.js';

/**
 * Extraction-code checks per minute: per share and client address, per client address over all
 * shares, and per share over all clients (a distributed guesser). Every check counts, right or
 * wrong: if only wrong ones did, a guesser would still learn the code from the one that passes.
 * The counters live in the Coordinator, so with Redis they hold across every API node.
 */
export const VERIFY_LIMITS = { perShareAndClient: 10, perClient: 120, perShare: 300, windowMs: 60_000 } as const;

export type VerifyLimits = { readonly [K in keyof typeof VERIFY_LIMITS]: number };

export async function limitVerifyAttempts(coord: Coordinator, shareCode: string, client: string, limits: VerifyLimits = VERIFY_LIMITS): Promise<void> {
  const { windowMs } = limits;
  const checks = await Promise.all([
    coord.hit(`share-verify:${shareCode}:${client}`, limits.perShareAndClient, windowMs),
    coord.hit(`share-verify-client:${client}`, limits.perClient, windowMs),
    coord.hit(`share-verify:${shareCode}`, limits.perShare, windowMs),
  ]);
  if (checks.includes(false)) {
    throw new SmhError('RateLimitExceeded', 'Too many extraction code checks; try again in a minute.');
  }
}
