import assert from 'node:assert/strict';
import type { Entry } from '../../src/stores/meta/meta-store.js';
import type { TestServer } from './start-server.js';

/** Every live entry of a space, walked from the root through the listing API of the store. */
export async function liveEntries(server: TestServer, libraryId: string, spaceId: string): Promise<Entry[]> {
  const meta = server.stores.meta;
  const all: Entry[] = [];
  const directories = [''];
  while (directories.length > 0) {
    const parent = directories.shift() as string;
    for (let offset = 0; ; offset += 1000) {
      const page = await meta.entries.listChildren(libraryId, spaceId, parent, {
        orderBy: 'name',
        descending: false,
        filter: null,
        union: true,
        offset,
        limit: 1000,
      });
      for (const entry of page) {
        all.push(entry);
        if (entry.type === 'dir') {
          directories.push(entry.path);
        }
      }
      if (page.length < 1000) {
        break;
      }
    }
  }
  return all;
}

/**
 * The invariants no interleaving of operations may break, in a library without recycle bin or
 * versions: every entry hangs under an existing directory, the space size is the sum of its
 * file sizes, and every file's blob exists in the store with a reference per entry.
 */
export async function assertConsistentSpace(server: TestServer, libraryId: string, spaceId: string): Promise<Entry[]> {
  const entries = await liveEntries(server, libraryId, spaceId);
  const paths = new Set(entries.map((entry) => entry.path));
  for (const entry of entries) {
    assert.ok(entry.parent === '' || paths.has(entry.parent), `orphan ${entry.path}`);
    assert.equal(entry.path, entry.parent === '' ? entry.name : `${entry.parent}/${entry.name}`);
  }
  const files = entries.filter((entry) => entry.type !== 'dir');
  const space = await server.stores.meta.spaces.get(libraryId, spaceId);
  assert.equal(space?.size, files.reduce((sum, file) => sum + file.size, 0), 'space size differs from the sum of file sizes');
  const references = new Map<string, number>();
  for (const file of files) {
    references.set(file.blobKey as string, (references.get(file.blobKey as string) ?? 0) + 1);
  }
  for (const [key, count] of references) {
    const blob = await server.stores.meta.blobs.get(key);
    assert.ok(blob, `blob row ${key} missing`);
    assert.ok(blob.refCount >= count, `blob ${key} has ${blob.refCount} references for ${count} entries`);
    assert.ok(await server.stores.blob.stat(key), `blob bytes ${key} missing`);
  }
  return entries;
}
