import { type ConflictStrategy, STRATEGIES } from '../../services/conflict.js';
import type { Actor } from '../../services/actor.js';

/**
 * The strategy an endpoint uses when the request names none: the library's OpenSMH setting
 * DefaultConflictResolutionStrategy where the endpoint supports that value (directory endpoints
 * know no `overwrite`), else SMH's own default for the endpoint (files.md §5).
 */
export function defaultStrategy(actor: Actor, smhDefault: ConflictStrategy, allowed: readonly ConflictStrategy[] = STRATEGIES): ConflictStrategy {
  const configured = actor.library.settings.defaultConflictResolutionStrategy;
  return configured !== null && allowed.includes(configured) ? configured : smhDefault;
}
