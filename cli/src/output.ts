import type { Library } from './api/admin-client.js';

/** Machine output: one compact JSON document per line, so `| jq` and line readers both work. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value);
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) {
    return '-';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '(none)' : value.join(',');
  }
  return String(value);
}

/** `key  value` lines with the values lined up. */
export function keyValues(rows: readonly (readonly [string, unknown])[], indent = ''): string {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${indent}${key.padEnd(width)}  ${formatValue(value)}`.trimEnd()).join('\n');
}

/** A plain column table with a header row. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function libraryKind(library: Library): string {
  const extension = library.LibraryExtension;
  return `${extension.IsFileLibrary === true ? 'file' : 'media'}${extension.IsMultiSpace === true ? ', multi-tenant' : ''}`;
}

/** Everything `library show` knows about one library, extension fields included. */
export function formatLibrary(library: Library): string {
  const rows: [string, unknown][] = [
    ['LibraryId', library.LibraryId],
    ['Name', library.Name],
    ['Remark', library.Remark === '' ? '-' : library.Remark],
    ['Kind', libraryKind(library)],
    ['CreationTime', library.CreationTime],
  ];
  if (library.Size !== undefined) {
    rows.push(['Size', `${library.Size} bytes`], ['FileNum', library.FileNum], ['DirNum', library.DirNum]);
  }
  return `${keyValues(rows)}\nLibraryExtension:\n${keyValues(Object.entries(library.LibraryExtension), '  ')}`;
}

/** `prefix a, b, c` wrapped at `width`, continuation lines indented under the first item. */
export function wrapList(prefix: string, items: readonly string[], width: number): string {
  const lines: string[] = [];
  let line = prefix;
  for (const [i, item] of items.entries()) {
    const piece = `${item}${i < items.length - 1 ? ',' : ''}`;
    if (line.trim() !== prefix.trim() && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = ' '.repeat(prefix.length);
    }
    line += line.endsWith(' ') ? piece : ` ${piece}`;
  }
  lines.push(line);
  return lines.join('\n');
}
