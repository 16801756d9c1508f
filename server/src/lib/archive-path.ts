import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from './smh-path.js';

/**
 * Turns the name of an entry inside an archive into a canonical relative path, or refuses it.
 * Refused (ArchiveEntryNotAllowed): absolute names (`/x`, `C:\x`, `\\server\x`), any `..` segment,
 * backslashes (Windows separators that other tools would read differently than we do), NUL and
 * control characters, and names SMH refuses for files. `.` segments and empty segments from `a//b`
 * are dropped, as unzip and tar do. Returns '' for an entry naming the archive root (`./`).
 */
export function archiveEntryPath(rawName: string, maxNameLength: number): string {
  const refuse = (why: string): never => {
    throw new SmhError('ArchiveEntryNotAllowed', `The archive entry "${printable(rawName)}" ${why}.`);
  };
  if (rawName.includes('\\')) {
    refuse('contains a backslash');
  }
  if (rawName.startsWith('/') || /^[A-Za-z]:/.test(rawName)) {
    refuse('has an absolute name');
  }
  const segments = rawName.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    refuse('leads outside the extraction folder ("..")');
  }
  if (segments.length === 0) {
    return '';
  }
  try {
    return parseSmhPath(segments.join('/'), 'file', maxNameLength).path;
  } catch (error) {
    if (error instanceof SmhError) {
      return refuse(`has a name this server cannot store (${error.code})`);
    }
    throw error;
  }
}

/** For messages: control characters shown as \uXXXX, long names shortened. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- showing exactly the control characters
  const shown = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}
