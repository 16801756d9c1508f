import { isSameOrDescendant, parseSmhPath } from '../lib/smh-path.js';
import { SmhError } from '../errors/smh-error.js';
import type { Entry, MetaRepos, Space } from '../stores/meta/meta-store.js';
import { requireSpace } from './access.js';
import type { Actor } from './actor.js';
import { rulesFor, type SpaceRules } from './library-rules.js';

export interface SpaceContext {
  readonly actor: Actor;
  readonly libraryId: string;
  readonly spaceId: string;
  readonly space: Space;
  readonly rules: SpaceRules;
  /** a share's source space: only these paths and what lies below them may be read */
  readonly sourceRoots?: readonly string[];
}

export async function openSpace(repos: MetaRepos, actor: Actor, spaceId: string, mode: 'read' | 'write'): Promise<SpaceContext> {
  const space = await requireSpace(repos, actor, spaceId, mode);
  return { actor, libraryId: actor.library.id, spaceId, space, rules: rulesFor(actor.library, space) };
}

/** The directory an operation puts something into; uploads and file moves never create it. */
export async function requireDirectory(tx: MetaRepos, ctx: SpaceContext, path: string): Promise<Entry> {
  const entry = await tx.entries.get(ctx.libraryId, ctx.spaceId, path);
  if (!entry || entry.type !== 'dir') {
    throw new SmhError('DirectoryNotFound');
  }
  return entry;
}

export async function requireFile(repos: MetaRepos, ctx: SpaceContext, path: string): Promise<Entry> {
  const entry = await repos.entries.get(ctx.libraryId, ctx.spaceId, path);
  if (!entry || entry.type === 'dir') {
    throw new SmhError('FileNotFound');
  }
  return entry;
}

const SOURCE_CODES = {
  file: { invalid: 'InvalidSourceFile', missing: 'SourceFileNotFound', other: 'a directory' },
  dir: { invalid: 'InvalidSourceDirectory', missing: 'SourceDirectoryNotFound', other: 'a file' },
} as const;

/**
 * The entry a move or copy takes its content from (`from` / `copyFrom` in the body), which must
 * exist and be of `kind`; the root is never a source.
 */
export async function requireSource(tx: MetaRepos, ctx: SpaceContext, rawFrom: unknown, kind: 'file' | 'dir'): Promise<Entry> {
  const codes = SOURCE_CODES[kind];
  const from = typeof rawFrom === 'string' ? parseSmhPath(rawFrom, kind, ctx.rules.maxNameLength) : null;
  if (!from || from.path === '') {
    throw new SmhError(codes.invalid, `The source must name a ${kind === 'dir' ? 'directory other than the root' : 'file'}.`);
  }
  if (ctx.sourceRoots && !ctx.sourceRoots.some((root) => isSameOrDescendant(from.path, root))) {
    throw new SmhError('FileNotInShare');
  }
  const source = await tx.entries.get(ctx.libraryId, ctx.spaceId, from.path);
  if (!source) {
    throw new SmhError(codes.missing);
  }
  if ((source.type === 'dir') !== (kind === 'dir')) {
    throw new SmhError(codes.invalid, `The source is ${codes.other}.`);
  }
  return source;
}
