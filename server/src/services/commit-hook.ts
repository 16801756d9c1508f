import type { MetaRepos } from '../stores/meta/meta-store.js';

/**
 * Work a caller appends to an operation's own metadata transaction, given the operation's result
 * (the final path of a copy or move): both commit or neither does. Batch jobs record "item n is
 * done" this way, so a crash never leaves an item applied but unrecorded, or recorded but not
 * applied. The hook throws to roll the operation back.
 */
export type CommitHook<T> = (tx: MetaRepos, result: T) => Promise<void>;
