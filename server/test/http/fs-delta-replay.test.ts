import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dirUrl, fileUrl } from '../helpers/entry-client.js';
import { drain, listedLines, replay, ReplayedTree, rootInode, takeCursor } from '../helpers/feed-client.js';
import { allBinItems, binUrl } from '../helpers/recycle-client.js';
import { adminToken, call, createLibrary, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRS = ['a', 'b', 'a/c', 'b/d', 'a/c/e'];
const FILES = ['f1.txt', 'f2.txt', 'a/f1.txt', 'a/g.txt', 'b/f1.txt', 'a/c/h.txt', 'b/d/f2.txt'];
const STRATEGIES = ['ask', 'rename', 'overwrite'];

/**
 * X2 property: after any seeded sequence of operations (including ones that fail), a client
 * that replays the feed from the cursor it took at the start, by inode alone, holds exactly the
 * tree the listing shows: no change without its event, no event without its change.
 */
describe('fs-delta: replaying the feed rebuilds the listed tree', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function run(seed: number, extension: Record<string, unknown>, steps: number): Promise<void> {
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const library: Library = await createLibrary(server, extension);
    const token = await adminToken(server, library);
    const root = await rootInode(server, library, token);
    const start = await takeCursor(server, library, token);
    // Sources come mostly from what exists (refreshed every few steps), so most operations succeed.
    let known = { dirs: [] as string[], files: [] as string[] };
    const refresh = async () => {
      const lines = (await listedLines(server, library, token)).map((text) => text.split('|'));
      known = { dirs: lines.filter((cells) => cells[1] === 'dir').map((cells) => cells[0] as string), files: lines.filter((cells) => cells[1] !== 'dir').map((cells) => cells[0] as string) };
    };
    const existingFile = () => (known.files.length > 0 && random() < 0.8 ? pick(known.files) : pick(FILES));
    const existingDir = () => (known.dirs.length > 0 && random() < 0.8 ? pick(known.dirs) : pick(DIRS));
    const strategy = () => ({ conflict_resolution_strategy: pick(STRATEGIES) });
    const dirStrategy = () => ({ conflict_resolution_strategy: pick(['ask', 'rename']) });
    const ops: (() => Promise<unknown>)[] = [
      () => call(server, 'PUT', dirUrl(library, pick(DIRS), token, dirStrategy())),
      () => call(server, 'PUT', dirUrl(library, pick(DIRS), token, dirStrategy())),
      () => uploadFile(server, library, token, pick(FILES), `content ${random()}`, { strategy: pick(STRATEGIES) }),
      () => uploadFile(server, library, token, pick(FILES), `content ${random()}`, { strategy: pick(STRATEGIES) }),
      () => call(server, 'PUT', fileUrl(library, pick(FILES), token, strategy()), { body: { from: existingFile() } }),
      () => call(server, 'PUT', dirUrl(library, pick(DIRS), token, dirStrategy()), { body: { from: existingDir() } }),
      () => call(server, 'PUT', fileUrl(library, pick(FILES), token, strategy()), { body: { copyFrom: existingFile() } }),
      () => call(server, 'PUT', dirUrl(library, pick(DIRS), token, dirStrategy()), { body: { copyFrom: existingDir() } }),
      () => call(server, 'DELETE', fileUrl(library, existingFile(), token, random() < 0.3 ? { permanent: '1' } : {})),
      () => call(server, 'DELETE', dirUrl(library, existingDir(), token, random() < 0.3 ? { permanent: '1' } : {})),
      () => call(server, 'POST', dirUrl(library, pick([...DIRS, ...FILES]), token, { update: '' }), { body: { labels: [`l${seed}`] } }),
      async () => {
        const items = await allBinItems(server, library, token).catch(() => []);
        if (items.length > 0) {
          const item = pick(items);
          const extra = { conflict_resolution_strategy: pick(STRATEGIES), restore_path_strategy: 'fallbackToRoot' };
          await call(server, 'POST', binUrl(library, token, { restore: '', ...extra }, { item: item.recycledItemId }));
        }
      },
      async () => {
        const items = await allBinItems(server, library, token).catch(() => []);
        if (items.length > 0) {
          await call(server, 'DELETE', binUrl(library, token, {}, { item: pick(items).recycledItemId }));
        }
      },
    ];
    for (let step = 0; step < steps; step += 1) {
      if (step % 5 === 0) {
        await refresh();
      }
      await pick(ops)();
    }
    const tree = new ReplayedTree(root);
    const { events } = await drain(server, library, token, start, 1 + Math.floor(random() * 9));
    replay(tree, events);
    assert.deepEqual(tree.lines(), await listedLines(server, library, token), `seed ${seed}`);
    assert.ok(events.length > steps / 4, `seed ${seed}: only ${events.length} events`);
  }

  it('with the recycle bin on (trash, restore, purge)', async () => {
    for (const seed of [1, 2]) {
      await run(seed, { UseRecycleBin: true }, 70);
    }
  });

  it('with the recycle bin off and file history on (delete, history events)', async () => {
    for (const seed of [3, 4]) {
      await run(seed, { EnableFileHistory: true, FileHistoryCount: 2, FileHistoryExpireDay: 0 }, 70);
    }
  });
});
