import { type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Dialect } from '../migrations/dialect.js';
import { anyOf, type Condition, escapeLike, likePattern } from './entry-filters.js';

/**
 * The dialect-specific half of keyword search: which entries' names contain a keyword, through
 * the substring index migration 0003 built.
 *
 * Case folding is ASCII-only on both sides, matching what the index and LIKE agree on:
 * PostgreSQL's lower() under the names' "C" collation and SQLite's LIKE both fold A–Z only.
 * (SQLite's trigram index folds more, so its candidate set is a superset; never smaller.)
 */
const TRIGRAM = 3;

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}

function contains(keyword: string): string {
  return `%${escapeLike(asciiLower(keyword))}%`;
}

/** Entries whose name contains any of `keywords`; an index lookup for keywords of 3+ characters. */
export function nameContainsAny(dialect: Dialect, keywords: readonly string[]): Condition {
  if (dialect === 'postgres') {
    // The pg_trgm GIN index on lower(name) serves each LIKE; OR-ed ones become a BitmapOr.
    return anyOf(keywords.map((keyword) => nameContains(dialect, keyword)));
  }
  const long = keywords.filter((keyword) => [...keyword].length >= TRIGRAM);
  const short = keywords.filter((keyword) => [...keyword].length < TRIGRAM);
  const parts = short.map((keyword) => nameContains(dialect, keyword));
  if (long.length > 0) {
    // Trigram FTS cannot match phrases under three characters; those fall back to LIKE above.
    const match = long.map((keyword) => `"${keyword.replace(/"/g, '""')}"`).join(' OR ');
    parts.unshift(sql`entries.rowid in (select rowid from entries_fts where entries_fts match ${match})`);
  }
  return anyOf(parts);
}

/**
 * The library/space condition of a keyword search. On SQLite, when the trigram index alone
 * selects the candidates, the unary `+` keeps the planner off the (library, space, …) indexes:
 * otherwise it walks the whole space in name order, probing each row against the match list,
 * which costs the space's size instead of the number of matches.
 */
export function inSpace(dialect: Dialect, keywords: readonly string[], libraryId: string, spaceId: string): Condition {
  const ftsDriven = dialect === 'sqlite' && keywords.length > 0 && keywords.every((keyword) => [...keyword].length >= TRIGRAM);
  return ftsDriven
    ? sql<SqlBool>`(+entries.library_id = ${libraryId} and +entries.space_id = ${spaceId})`
    : sql<SqlBool>`(entries.library_id = ${libraryId} and entries.space_id = ${spaceId})`;
}

/** Row-level check for one keyword, used to rank rows already found by nameContainsAny. */
export function nameContains(dialect: Dialect, keyword: string): Condition {
  const column: RawBuilder<unknown> = dialect === 'postgres' ? sql`lower(entries.name)` : sql`entries.name`;
  return likePattern(column, contains(keyword));
}
