import { toSegments } from '../../lib/smh-path.js';
import type { BatchRequest, ItemOutcome } from '../../services/batch-items.js';

/**
 * Batch outcomes → SMH's per-item objects (dirs.md §9): the request's own paths echoed as
 * segment arrays, the final `path`, and `code`/`message` on failure.
 */
function requested(raw: string): string[] {
  return toSegments(raw.split('/').filter((segment) => segment !== '').join('/'));
}

function common(outcome: ItemOutcome): Record<string, unknown> {
  const out: Record<string, unknown> = { status: outcome.status };
  if (outcome.code !== undefined) {
    out.code = outcome.code;
    out.message = outcome.message;
  }
  return out;
}

export function presentBatchItems(request: BatchRequest, outcomes: readonly ItemOutcome[]): Record<string, unknown>[] {
  return outcomes.map((outcome, index) => {
    const out = common(outcome);
    switch (request.kind) {
      case 'delete': {
        const item = request.items[index];
        out.path = requested(item?.path ?? '');
        if (outcome.recycledItemId !== undefined) {
          out.recycledItemId = outcome.recycledItemId;
        }
        return out;
      }
      case 'copy': {
        const item = request.items[index];
        out.copyFrom = requested(item?.from ?? '');
        out.to = requested(item?.to ?? '');
        if (item?.fromSpaceId !== undefined) {
          out.copyFromSpaceId = item.fromSpaceId;
        }
        break;
      }
      case 'move': {
        const item = request.items[index];
        out.from = requested(item?.from ?? '');
        out.to = requested(item?.to ?? '');
        break;
      }
    }
    if (outcome.path !== undefined) {
      out.path = toSegments(outcome.path);
    }
    return out;
  });
}

/** 200 when every item succeeded, else 207 Multi-Status (dirs.md §2.9). */
export function batchHttpStatus(outcomes: readonly ItemOutcome[]): number {
  return outcomes.every((outcome) => outcome.status < 300) ? 200 : 207;
}
