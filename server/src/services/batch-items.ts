import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { MetaRepos, MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import type { ConflictStrategy } from './conflict.js';
import type { DirectoryService } from './directory.service.js';
import type { FileService } from './file.service.js';
import type { ShareRef } from './share-source.js';

/** Batch items as the services take them (dirs.md §9); paths are still the client's raw strings. */
export interface DeleteItem {
  readonly path: string;
  readonly permanent: boolean;
}

export interface CopyItem {
  readonly from: string;
  readonly to: string;
  readonly strategy?: ConflictStrategy;
  /** another space of the same library to copy from */
  readonly fromSpaceId?: string;
  /** a share link to copy out of (its library and space, not the caller's) */
  readonly fromShare?: ShareRef;
}

export interface MoveItem {
  readonly from: string;
  readonly to: string;
  readonly strategy?: ConflictStrategy;
}

export type BatchRequest =
  | { readonly kind: 'delete'; readonly items: readonly DeleteItem[] }
  | { readonly kind: 'copy'; readonly items: readonly CopyItem[] }
  | { readonly kind: 'move'; readonly items: readonly MoveItem[] };

/**
 * One item's result. `status` follows SMH's per-item convention (200 renamed or recycled, 204
 * done, else the error's HTTP status); it is stored as is in a task's result.
 */
export interface ItemOutcome {
  readonly status: number;
  /** final canonical path of a copy or move */
  readonly path?: string;
  readonly recycledItemId?: number;
  readonly code?: string;
  readonly message?: string;
}

/** Records an applied item inside its transaction; throws to roll the item back. */
export type ItemRecorder = (tx: MetaRepos, outcome: ItemOutcome) => Promise<void>;

export interface ItemOps {
  readonly meta: MetaStore;
  readonly files: FileService;
  readonly directories: DirectoryService;
}

export function isFailure(outcome: ItemOutcome): boolean {
  return outcome.status >= 300;
}

export function failureOf(error: SmhError): ItemOutcome {
  return { status: error.status, code: error.code, message: error.message };
}

/** Items name files and directories alike; the entry decides which service handles it. */
async function isDirectory(ops: ItemOps, actor: Actor, spaceId: string, raw: string, libraryId = actor.library.id): Promise<boolean> {
  let path: string;
  try {
    path = parseSmhPath(raw, 'dir').path;
  } catch {
    return false; // the file service reports the bad path
  }
  return path === '' || (await ops.meta.entries.get(libraryId, spaceId, path))?.type === 'dir';
}

/**
 * The item's own strategy, else the library's configured default where it applies, else SMH's
 * default: `rename` for files, `ask` for directory copies (dirs.md §9 B2, share-save), `rename`
 * for moves (B3). Directories know no `overwrite` as a default.
 */
function strategyOf(actor: Actor, wanted: ConflictStrategy | undefined, isDir: boolean, smhDefault: ConflictStrategy): ConflictStrategy {
  if (wanted) {
    return wanted;
  }
  const configured = actor.library.settings.defaultConflictResolutionStrategy;
  return configured !== null && !(isDir && configured === 'overwrite') ? configured : smhDefault;
}

function doneStatus(strategy: ConflictStrategy): number {
  return strategy === 'rename' ? 200 : 204;
}

/** 200 with the bin item when the entry went to the recycle bin, 204 when it is gone for good. */
function deleted(recycledItemId: number | null): ItemOutcome {
  return recycledItemId === null ? { status: 204 } : { status: 200, recycledItemId };
}

async function runDelete(ops: ItemOps, actor: Actor, spaceId: string, item: DeleteItem, record?: ItemRecorder): Promise<ItemOutcome> {
  const onCommit = record && ((tx: MetaRepos, itemId: number | null) => record(tx, deleted(itemId)));
  const options = { permanent: item.permanent };
  const itemId = (await isDirectory(ops, actor, spaceId, item.path))
    ? await ops.directories.delete(actor, spaceId, item.path, onCommit, options)
    : await ops.files.delete(actor, spaceId, item.path, onCommit, options);
  return deleted(itemId);
}

async function runCopy(ops: ItemOps, actor: Actor, spaceId: string, item: CopyItem, record?: ItemRecorder): Promise<ItemOutcome> {
  const share = item.fromShare;
  const isDir = share
    ? await isDirectory(ops, actor, share.spaceId, item.from, share.libraryId)
    : await isDirectory(ops, actor, item.fromSpaceId ?? spaceId, item.from);
  const strategy = strategyOf(actor, item.strategy, isDir, isDir ? 'ask' : 'rename');
  const status = doneStatus(strategy);
  const options = { fromSpaceId: item.fromSpaceId, fromShare: share, onCommit: record && ((tx: MetaRepos, path: string) => record(tx, { status, path })) };
  const path = isDir
    ? await ops.directories.copy(actor, spaceId, item.to, item.from, strategy, options)
    : await ops.files.copy(actor, spaceId, item.to, item.from, strategy, options);
  return { status, path };
}

async function runMove(ops: ItemOps, actor: Actor, spaceId: string, item: MoveItem, record?: ItemRecorder): Promise<ItemOutcome> {
  const isDir = await isDirectory(ops, actor, spaceId, item.from);
  const strategy = strategyOf(actor, item.strategy, isDir, 'rename');
  const status = doneStatus(strategy);
  const onCommit = record && ((tx: MetaRepos, path: string) => record(tx, { status, path }));
  const path = isDir
    ? await ops.directories.move(actor, spaceId, item.to, item.from, strategy, onCommit)
    : await ops.files.move(actor, spaceId, item.to, item.from, strategy, onCommit);
  return { status, path };
}

/**
 * Runs item `index` through the single-object operation it names, in that operation's one
 * transaction. SMH errors become the item's outcome; anything else (a lost job lease, a database
 * failure) is thrown to the caller.
 */
export async function runItem(
  ops: ItemOps,
  actor: Actor,
  spaceId: string,
  request: BatchRequest,
  index: number,
  record?: ItemRecorder,
): Promise<ItemOutcome> {
  try {
    switch (request.kind) {
      case 'delete':
        return await runDelete(ops, actor, spaceId, request.items[index] as DeleteItem, record);
      case 'copy':
        return await runCopy(ops, actor, spaceId, request.items[index] as CopyItem, record);
      case 'move':
        return await runMove(ops, actor, spaceId, request.items[index] as MoveItem, record);
    }
  } catch (error) {
    if (error instanceof SmhError) {
      return failureOf(error);
    }
    throw error;
  }
}
