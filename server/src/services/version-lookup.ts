import { SmhError } from '../errors/smh-error.js';
import type { Entry, MetaRepos } from '../stores/meta/meta-store.js';
import type { FileVersion } from '../stores/meta/version-store.js';

/** History ids are positive integers, sent as strings or numbers (files.md §9.3); anything else names no version. */
export function parseHistoryId(raw: unknown): number {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,15}$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new SmhError('HistoryNotFound', `"${String(raw)}" is not a history id.`);
  }
  return Number(text);
}

/** What download, HEAD and ?info show for a historical version: the file, with that content. */
export function versionAsEntry(entry: Entry, version: FileVersion): Entry {
  return {
    ...entry,
    blobKey: version.blobKey,
    size: version.size,
    contentType: version.contentType,
    crc64: version.crc64,
    etag: version.etag,
    versionId: version.version,
    userId: version.createdBy,
    modifiedAt: version.createdAt,
  };
}

/**
 * The versions with these ids, each paired with its file, when every one belongs to a file
 * live in this library and space; otherwise HistoryNotFound, as for ids that never existed —
 * another space's or library's versions and those of binned files are not there for the caller.
 */
export async function versionsInSpace(
  repos: MetaRepos,
  libraryId: string,
  spaceId: string,
  ids: readonly number[],
): Promise<{ version: FileVersion; entry: Entry }[]> {
  const versions = new Map((await repos.versions.getMany(ids)).map((version) => [version.id, version]));
  const entries = new Map<string, Entry | null>();
  const out: { version: FileVersion; entry: Entry }[] = [];
  for (const id of ids) {
    const version = versions.get(id);
    if (version && !entries.has(version.entryId)) {
      entries.set(version.entryId, await repos.entries.getById(version.entryId));
    }
    const entry = version ? entries.get(version.entryId) : null;
    if (!version || !entry || entry.libraryId !== libraryId || entry.spaceId !== spaceId) {
      throw new SmhError('HistoryNotFound', `History version ${id} does not exist.`);
    }
    out.push({ version, entry });
  }
  return out;
}

/** `history_id` on download, HEAD and ?info (files.md §7.1–7.3): a version of this very file. */
export async function historicalContent(repos: MetaRepos, entry: Entry, rawId: string): Promise<Entry> {
  const [found] = await versionsInSpace(repos, entry.libraryId, entry.spaceId, [parseHistoryId(rawId)]);
  if (!found || found.entry.id !== entry.id) {
    throw new SmhError('HistoryNotFound');
  }
  return versionAsEntry(entry, found.version);
}
