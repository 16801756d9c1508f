/**
 * The type classes SMH's search (`type`, dirs.md §8 S1) and recently-used list (`type`,
 * files.md §7.8) filter by. `image`/`video`/`audio` go by MIME type so they work in both library
 * types (dirs.md §3); the document classes go by extension, as SMH's own lists do.
 */
export interface KindRule {
  /** matches directories only */
  readonly dir?: true;
  /** matches any non-directory */
  readonly file?: true;
  /** a MIME major type, e.g. 'image/' */
  readonly mimePrefix?: string;
  /** lower-case extensions with the dot */
  readonly extensions?: readonly string[];
}

const WORD = ['.doc', '.docx', '.dot', '.dotx', '.docm', '.dotm', '.wps', '.wpt', '.odt', '.rtf'];
const EXCEL = ['.xls', '.xlsx', '.xlsm', '.xlsb', '.xlt', '.xltx', '.xltm', '.et', '.ett', '.csv', '.ods'];
const POWERPOINT = ['.ppt', '.pptx', '.pptm', '.pot', '.potx', '.potm', '.pps', '.ppsx', '.ppsm', '.dps', '.dpt', '.odp'];
const TEXT = ['.txt', '.asp', '.htm', '.html', '.xml', '.json', '.md', '.log', '.ini', '.conf', '.yaml', '.yml', '.js', '.ts', '.css', '.c', '.h', '.cpp', '.java', '.py', '.sh', '.sql'];

export const FILE_KINDS = {
  all: {},
  dir: { dir: true },
  file: { file: true },
  doc: { extensions: ['.doc', '.docx'] },
  xls: { extensions: ['.xls', '.xlsx'] },
  ppt: { extensions: ['.ppt', '.pptx'] },
  pdf: { extensions: ['.pdf'] },
  txt: { extensions: ['.txt'] },
  image: { mimePrefix: 'image/' },
  video: { mimePrefix: 'video/' },
  audio: { mimePrefix: 'audio/' },
  word: { extensions: WORD },
  excel: { extensions: EXCEL },
  powerpoint: { extensions: POWERPOINT },
  text: { extensions: TEXT },
  document: { extensions: ['.pdf', ...WORD, ...EXCEL, ...POWERPOINT, ...TEXT] },
} as const satisfies Record<string, KindRule>;

export type FileKind = keyof typeof FILE_KINDS;

export function isFileKind(value: string): value is FileKind {
  return Object.hasOwn(FILE_KINDS, value);
}

/** `.PNG` → `.png`; null for anything that is not a plain extension. */
export function normaliseExtension(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const ext = (value.startsWith('.') ? value : `.${value}`).toLowerCase();
  return /^\.[a-z0-9_-]{1,16}$/.test(ext) ? ext : null;
}
