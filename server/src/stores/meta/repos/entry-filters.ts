import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { FILE_KINDS, type FileKind, type KindRule } from '../../../lib/file-kinds.js';

/**
 * Dialect-neutral SQL predicates over the `entries` table (always referenced by that name, so
 * they also work in joins). Shared by search, favorites and the recently-used list.
 */
export type Condition = RawBuilder<SqlBool>;

const TRUE: Condition = sql<SqlBool>`1 = 1`;
const FALSE: Condition = sql<SqlBool>`1 = 0`;

/** Escapes LIKE's wildcards; every pattern built from it is used with `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function likePattern(column: RawBuilder<unknown>, pattern: string): Condition {
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

export function anyOf(parts: readonly Condition[]): Condition {
  return parts.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export function allOf(parts: readonly Condition[]): Condition {
  return parts.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const IS_FILE = sql<SqlBool>`entries.type <> 'dir'`;
const LOWER_NAME = sql`lower(entries.name)`;

/** Files whose name ends in one of `extensions` (lower-case, with the dot; ASCII-only). */
export function hasExtension(extensions: readonly string[]): Condition {
  return allOf([IS_FILE, anyOf(extensions.map((ext) => likePattern(LOWER_NAME, `%${escapeLike(ext)}`)))]);
}

function ruleCondition(rule: KindRule): Condition {
  if (rule.dir) {
    return sql<SqlBool>`entries.type = 'dir'`;
  }
  if (rule.file) {
    return IS_FILE;
  }
  if (rule.mimePrefix) {
    return allOf([IS_FILE, likePattern(sql`entries.content_type`, `${escapeLike(rule.mimePrefix)}%`)]);
  }
  if (rule.extensions) {
    return hasExtension(rule.extensions);
  }
  return TRUE;
}

export function isKind(kind: FileKind): Condition {
  return ruleCondition(FILE_KINDS[kind]);
}

/** Matches one of `kinds` or one of `extensions`; no condition at all when both are empty or `all` is among the kinds. */
export function kindOrExtension(kinds: readonly FileKind[], extensions: readonly string[]): Condition | null {
  if (kinds.includes('all') || (kinds.length === 0 && extensions.length === 0)) {
    return null;
  }
  const parts = kinds.map(isKind);
  if (extensions.length > 0) {
    parts.push(hasExtension(extensions));
  }
  return anyOf(parts);
}

/** Entries carrying at least one of `labels` (stored as a JSON array of strings). */
export function hasAnyLabel(labels: readonly string[]): Condition {
  // JSON.stringify of an element is exactly how it appears inside the stored array.
  return anyOf(labels.map((label) => likePattern(sql`entries.labels`, `%${escapeLike(JSON.stringify(label))}%`)));
}

/** The subtree strictly below `scope` ('' = the whole space without its root). */
export function belowScope(scope: string): Condition {
  return scope === ''
    ? sql<SqlBool>`entries.path <> ''`
    : sql<SqlBool>`(entries.path > ${`${scope}/`} and entries.path < ${`${scope}0`})`;
}
