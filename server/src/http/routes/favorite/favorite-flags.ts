import type { Entry } from '../../../stores/meta/meta-store.js';
import { boolParam } from '../../request-input.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/**
 * `with_favorite_status=1` adds `isFavorite` to entry objects (dirs.md §4). Routes call this
 * after they have the entries; one query covers a whole page. Null when the flag is off.
 */
export async function favoriteFlags(services: Services, input: SpaceRequest, entries: readonly Entry[]): Promise<Set<string> | null> {
  if (!boolParam(input.query, 'with_favorite_status')) {
    return null;
  }
  return services.favorites.favoritedAmong(input.actor, input.spaceId, entries);
}

export function withFavorite(item: Record<string, unknown>, entry: Entry, flags: Set<string> | null): Record<string, unknown> {
  return flags ? { ...item, isFavorite: flags.has(entry.id) } : item;
}
