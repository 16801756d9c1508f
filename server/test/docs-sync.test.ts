import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ENV_VARS } from '../src/config/schema.js';
import { ERROR_CODES } from '../src/errors/codes.js';

/**
 * docs/errors.md and docs/config.md are written by hand; these tests keep them listing exactly
 * what codes.ts and schema.ts declare, and say which rows to add or remove when they drift.
 */
function docRows(file: string): Map<string, string[]> {
  const text = readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    // A table row whose first cell is a `Name` in backticks; header and divider rows have none.
    const cells = line.trim().startsWith('|') ? line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim()) : [];
    const name = /^`([A-Za-z0-9_]+)`$/.exec(cells[0] ?? '')?.[1];
    if (name !== undefined) {
      rows.set(name, cells.slice(1));
    }
  }
  return rows;
}

function difference(a: Iterable<string>, b: { has(key: string): boolean }): string[] {
  return [...a].filter((key) => !b.has(key));
}

/** One message naming everything to fix, rows ready to paste, so one test run is enough. */
function report(doc: string, source: string, missing: string[], extra: string[], rowsToAdd: string[]): string {
  const lines: string[] = [];
  if (missing.length > 0) {
    lines.push(`${doc} lacks ${missing.join(', ')}; add these rows:`, ...rowsToAdd);
  }
  if (extra.length > 0) {
    lines.push(`${doc} lists what ${source} no longer has; remove: ${extra.join(', ')}`);
  }
  return lines.join('\n');
}

describe('docs stay in sync with the code', () => {
  it('docs/errors.md lists every code of server/src/errors/codes.ts, and no other', () => {
    const documented = docRows('errors.md');
    const codes = new Map(Object.entries(ERROR_CODES));
    const missing = difference(codes.keys(), documented);
    const extra = difference(documented.keys(), codes);
    const rowsToAdd = missing.map((code) => `| \`${code}\` | ${codes.get(code)?.[0]} | ${codes.get(code)?.[1]} |`);
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, report('docs/errors.md', 'codes.ts', missing, extra, rowsToAdd));
  });

  it('docs/errors.md gives each code the HTTP status codes.ts gives it', () => {
    const documented = docRows('errors.md');
    const wrong = Object.entries(ERROR_CODES)
      .filter(([code, [status]]) => documented.has(code) && documented.get(code)?.[0] !== String(status))
      .map(([code, [status]]) => `${code} (doc says ${documented.get(code)?.[0]}, codes.ts says ${status})`);
    assert.deepEqual(wrong, [], `docs/errors.md has the wrong status for ${wrong.join(', ')}`);
  });

  it('docs/config.md lists every variable of server/src/config/schema.ts, and no other', () => {
    const documented = docRows('config.md');
    const names = new Set<string>(ENV_VARS.map((spec) => spec.name));
    const missing = difference(names, documented);
    const extra = difference(documented.keys(), names);
    const rowsToAdd = ENV_VARS.filter((spec) => missing.includes(spec.name)).map(
      (spec) => `| \`${spec.name}\` | ${spec.default === '' ? '(empty)' : `\`${spec.default}\``} | ${spec.doc} |`,
    );
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, report('docs/config.md', 'schema.ts', missing, extra, rowsToAdd));
  });
});
