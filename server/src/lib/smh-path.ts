import { SmhError } from '../errors/smh-error.js';

/**
 * The one place that turns a user-supplied SMH path into a safe, canonical form.
 * Canonical form: NFC-normalised segments joined by '/', no leading or trailing '/', '' = root.
 * Everything below the HTTP edge works with canonical paths only, so no store ever sees '..',
 * NUL bytes or separators inside a name.
 */
export const MAX_NAME_LENGTH = 255;
export const MAX_PATH_BYTES = 4096;
// SMH rejects these in names (IllegalFileName). parseSmhPath splits on '/' first, so '/' only
// matters when a caller validates a bare name.
// eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
const ILLEGAL_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f]/;
// Bidirectional controls make a name display as another (`x\u202Efdp.exe` shows as `xexe.pdf`).
const BIDI_CHARS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export type PathKind = 'file' | 'dir';

export interface SmhPath {
  /** canonical path, '' for the root */
  readonly path: string;
  readonly segments: readonly string[];
  /** last segment, '' for the root */
  readonly name: string;
  /** canonical path of the parent, '' for the root and its children */
  readonly parent: string;
}

export function rootPath(): SmhPath {
  return { path: '', segments: [], name: '', parent: '' };
}

/**
 * Parses and validates a path. `kind` picks the error code for an over-long last segment
 * (files: FileNameLengthExceed, directories: DirectoryNameLengthExceed).
 */
export function parseSmhPath(raw: string, kind: PathKind = 'file', maxNameLength = MAX_NAME_LENGTH): SmhPath {
  let text = raw.normalize('NFC');
  // Clients send a leading '/' (JS SDK examples) and directory listings may end in '/'.
  if (text.startsWith('/')) {
    text = text.slice(1);
  }
  if (text.endsWith('/')) {
    text = text.slice(0, -1);
  }
  if (text === '') {
    return rootPath();
  }
  if (Buffer.byteLength(text) > MAX_PATH_BYTES) {
    throw new SmhError('ParamInvalid', `The path is longer than ${MAX_PATH_BYTES} bytes.`);
  }
  const segments = text.split('/');
  segments.forEach((segment, index) => {
    const isLast = index === segments.length - 1;
    validateName(segment, isLast ? kind : 'dir', maxNameLength);
  });
  const name = segments[segments.length - 1] as string;
  return { path: segments.join('/'), segments, name, parent: segments.slice(0, -1).join('/') };
}

/** Parses a path that must not be the root (uploads, moves, deletes). */
export function parseNonRootPath(raw: string, kind: PathKind = 'file', maxNameLength = MAX_NAME_LENGTH): SmhPath {
  const parsed = parseSmhPath(raw, kind, maxNameLength);
  if (parsed.path === '') {
    throw new SmhError(kind === 'file' ? 'EmptyFileName' : 'EmptyPath');
  }
  return parsed;
}

export function validateName(name: string, kind: PathKind, maxNameLength = MAX_NAME_LENGTH): void {
  if (name === '') {
    throw new SmhError('IllegalFileName', 'The path contains an empty segment.');
  }
  if (name === '.' || name === '..') {
    throw new SmhError('IllegalFileName', `The path segment "${name}" is not allowed.`);
  }
  if (ILLEGAL_CHARS.test(name)) {
    throw new SmhError('IllegalFileName', 'A name must not contain control characters or any of \\ : * ? " < > |');
  }
  if (BIDI_CHARS.test(name)) {
    throw new SmhError('IllegalFileName', 'A name must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).');
  }
  if ([...name].length > maxNameLength) {
    throw new SmhError(kind === 'file' ? 'FileNameLengthExceed' : 'DirectoryNameLengthExceed');
  }
}

export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

export function toSegments(path: string): string[] {
  return path === '' ? [] : path.split('/');
}

/** True when `path` is `ancestor` itself or lies below it. */
export function isSameOrDescendant(path: string, ancestor: string): boolean {
  return ancestor === '' || path === ancestor || path.startsWith(`${ancestor}/`);
}

/** `name (n).ext` as SMH renames on conflict; directories get `name (n)`. */
export function renamedCandidate(name: string, n: number, isDirectory: boolean): string {
  const dot = isDirectory ? -1 : name.lastIndexOf('.');
  if (dot <= 0) {
    return `${name} (${n})`;
  }
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}
