import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResumeState, ResumeStore } from '../resume.js';

/** Resume states as small JSON files in `dir` (written via temp + rename, so a crash never leaves half a file). */
export function fileResumeStore(dir: string): ResumeStore {
  const fileOf = (key: string) => join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  return {
    async get(key) {
      try {
        const state = JSON.parse(await readFile(fileOf(key), 'utf8')) as ResumeState & { key?: string };
        return state.key === key ? state : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, state) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = fileOf(key);
      await writeFile(`${file}.tmp`, JSON.stringify({ ...state, key }), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
