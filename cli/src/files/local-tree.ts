import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface LocalFile {
  /** absolute path */
  path: string;
  /** path relative to the walked root, with '/' separators */
  relative: string;
  size: number;
  mtimeMs: number;
}

/** Every regular file below `root` (symlinks to files followed, others skipped), sorted by path. */
export async function walkLocal(root: string): Promise<{ files: LocalFile[]; dirs: string[] }> {
  const files: LocalFile[] = [];
  const dirs: string[] = [];
  const visit = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) {
        dirs.push(rel);
        await visit(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const info = await stat(full).catch(() => null);
        if (info?.isFile()) {
          files.push({ path: full, relative: rel, size: info.size, mtimeMs: info.mtimeMs });
        }
      }
    }
  };
  await visit(root);
  return { files, dirs };
}

/** Runs `work` over `items`, `limit` at a time; collects failures instead of stopping at the first. */
export async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<{ item: T; error: unknown }[]> {
  const failures: { item: T; error: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        if (error instanceof Error && error.name === 'AbortError') {
          throw error;
        }
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return failures;
}
