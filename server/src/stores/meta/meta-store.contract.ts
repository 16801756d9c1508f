import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newHexId } from '../../lib/ids.js';
import type { Entry, MetaStore } from './meta-store.js';

function entry(libraryId: string, path: string, type: Entry['type'] = 'dir', size = 0): Entry {
  const slash = path.lastIndexOf('/');
  return {
    id: newHexId(),
    libraryId,
    spaceId: '-',
    path,
    parent: slash < 0 ? '' : path.slice(0, slash),
    name: path.slice(slash + 1),
    type,
    blobKey: null,
    size,
    contentType: type === 'dir' ? '' : 'text/plain',
    crc64: '',
    etag: '',
    meta: {},
    labels: [],
    category: '',
    localCreationTime: '',
    localModificationTime: '',
    userId: '',
    versionId: type === 'dir' ? 0 : 1,
    revision: 1,
    createdAt: 1,
    modifiedAt: 1,
  };
}

const ORDER = { orderBy: 'name', descending: false, filter: null, union: false, offset: 0, limit: 100 } as const;

/** Behaviour both metadata backends must share; SQLite and PostgreSQL test files call it. */
export function describeMetaStore(name: string, open: () => Promise<MetaStore>): void {
  describe(`MetaStore contract: ${name}`, () => {
    let store: MetaStore;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('moves a subtree with one call, byte-wise prefix safe', async () => {
      const lib = newHexId();
      for (const path of ['', 'a', 'a/b', 'a/b/c.txt', 'a0', 'a-b', 'ab']) {
        await store.entries.insert(entry(lib, path, path.endsWith('.txt') ? 'file' : 'dir'));
      }
      await store.entries.moveTree(lib, '-', 'a', 'z/y', 5);
      assert.equal(await store.entries.get(lib, '-', 'a/b'), null);
      const moved = await store.entries.get(lib, '-', 'z/y/b/c.txt');
      assert.equal(moved?.parent, 'z/y/b');
      assert.equal(moved?.name, 'c.txt');
      const top = await store.entries.get(lib, '-', 'z/y');
      assert.equal(top?.parent, 'z');
      assert.equal(top?.modifiedAt, 5);
      // siblings sharing the prefix "a" were not touched
      for (const path of ['a0', 'a-b', 'ab']) {
        assert.ok(await store.entries.get(lib, '-', path), path);
      }
      assert.deepEqual((await store.entries.listTree(lib, '-', 'z/y')).map((e) => e.path), ['z/y', 'z/y/b', 'z/y/b/c.txt']);
      assert.equal(await store.entries.countTree(lib, '-', 'z/y'), 3);
    });

    it('lists children directories first, then by the requested order, and counts them', async () => {
      const lib = newHexId();
      await store.entries.insert(entry(lib, ''));
      await store.entries.insert(entry(lib, 'b.txt', 'file', 5));
      await store.entries.insert(entry(lib, 'a.txt', 'file', 50));
      await store.entries.insert(entry(lib, 'z', 'dir'));
      const byName = await store.entries.listChildren(lib, '-', '', ORDER);
      assert.deepEqual(byName.map((e) => e.name), ['z', 'a.txt', 'b.txt']);
      const bySizeDesc = await store.entries.listChildren(lib, '-', '', { ...ORDER, orderBy: 'size', descending: true, union: true });
      assert.deepEqual(bySizeDesc.map((e) => e.name), ['a.txt', 'b.txt', 'z']);
      const onlyFiles = await store.entries.listChildren(lib, '-', '', { ...ORDER, filter: 'onlyFile', offset: 1, limit: 1 });
      assert.deepEqual(onlyFiles.map((e) => e.name), ['b.txt']);
      assert.deepEqual(await store.entries.countChildren(lib, '-', ''), { files: 2, dirs: 1 });
      assert.deepEqual(await store.entries.countSpace(lib, '-'), { files: 2, dirs: 1 });
    });

    it('finds taken "name (n)" candidates by prefix', async () => {
      const lib = newHexId();
      for (const path of ['x.txt', 'x (1).txt', 'x (2).txt', 'y.txt']) {
        await store.entries.insert(entry(lib, path, 'file'));
      }
      assert.deepEqual((await store.entries.namesWithPrefix(lib, '-', '', 'x (')).sort(), ['x (1).txt', 'x (2).txt']);
    });

    it('rejects a second entry at the same path and rolls the whole transaction back', async () => {
      const lib = newHexId();
      await store.entries.insert(entry(lib, 'dup'));
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.entries.insert(entry(lib, 'other'));
          await tx.entries.insert(entry(lib, 'dup'));
        }),
      );
      assert.equal(await store.entries.get(lib, '-', 'other'), null);
    });

    it('counts blob references atomically and settles the first writer of a setting', async () => {
      const key = newHexId();
      await store.blobs.insert({ key, size: 1, md5: '', crc64: '0', beginningHash: 'h', fullHash: null, refCount: 1, createdAt: 1 });
      await Promise.all([store.blobs.addRef(key, 1), store.blobs.addRef(key, 1), store.blobs.addRef(key, 1)]);
      assert.equal(await store.blobs.addRef(key, -2), 2);
      assert.equal((await store.blobs.findByBeginningHash('h', 1)).length, 1);
      const name = `k${newHexId()}`;
      const values = await Promise.all([store.settings.getOrCreate(name, 'one'), store.settings.getOrCreate(name, 'two')]);
      assert.equal(values[0], values[1]);
    });

    it('lets exactly one of several racers win each upload transition', async () => {
      const confirmKey = newHexId();
      await store.uploads.insert({
        confirmKey,
        libraryId: 'l',
        spaceId: '-',
        path: 'f',
        kind: 'simple',
        strategy: 'rename',
        userId: '',
        attributes: { meta: {}, contentType: 'text/plain' },
        status: 'pending',
        blobKey: null,
        digest: null,
        createdAt: 1,
        expiresAt: 100,
        claim: null,
        reserved: 0,
      });
      // Three confirms and a cancel race for the pending upload: one claim wins, the cancel loses.
      const claims = await Promise.all(['a', 'b', 'c'].map((claim) => store.uploads.claim(confirmKey, claim, 50, 500)));
      assert.equal(claims.filter(Boolean).length, 1);
      const winner = ['a', 'b', 'c'][claims.indexOf(true)] as string;
      assert.equal(await store.uploads.finish(confirmKey, 'cancelled', 60, 900), false);
      // The lease is live at 400: not expired. Only the claim holder confirms.
      assert.equal(await store.uploads.finish(confirmKey, 'expired', 400, 900), false);
      const confirms = await Promise.all(['a', 'b', 'c'].map((claim) => store.uploads.markConfirmed(confirmKey, claim, { meta: {}, contentType: 'x' }, 9)));
      assert.deepEqual(confirms, ['a', 'b', 'c'].map((claim) => claim === winner));
      assert.equal((await store.uploads.get(confirmKey))?.status, 'confirmed');
    });

    it('expires a confirming upload only once its lease lapsed, and then no confirm commits', async () => {
      const confirmKey = newHexId();
      await store.uploads.insert({
        confirmKey,
        libraryId: 'l',
        spaceId: '-',
        path: 'f',
        kind: 'simple',
        strategy: 'rename',
        userId: '',
        attributes: { meta: {}, contentType: 'text/plain' },
        status: 'pending',
        blobKey: null,
        digest: null,
        createdAt: 1,
        expiresAt: 100,
        claim: null,
        reserved: 0,
      });
      assert.equal(await store.uploads.claim(confirmKey, 'a', 50, 200), true);
      assert.equal(await store.uploads.finish(confirmKey, 'expired', 201, 900), true);
      assert.equal(await store.uploads.markConfirmed(confirmKey, 'a', { meta: {}, contentType: 'x' }, 9), false);
      assert.equal(await store.uploads.release(confirmKey, 'a', { expiresAt: 300 }), false);
      assert.equal((await store.uploads.get(confirmKey))?.status, 'expired');
    });

    it('hands each job to exactly one of several concurrent workers', async () => {
      const name = `job-${newHexId()}`;
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => store.jobs.enqueue({ name, payload: { i } }, 1000)));
      const claimed: number[] = [];
      await Promise.all(
        ['w1', 'w2', 'w3', 'w4', 'w5'].map(async (worker) => {
          for (;;) {
            const job = await store.jobs.claim(worker, 2000, 60_000, [name]);
            if (!job) {
              return;
            }
            claimed.push(job.id);
            assert.equal(await store.jobs.complete(job.id, worker, { by: worker }, 2001), true);
          }
        }),
      );
      assert.deepEqual([...claimed].sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
      const done = await store.jobs.get(ids[0] as number);
      assert.equal(done?.status, 'succeeded');
      assert.equal(done?.attempts, 1);
    });

    it('re-runs a job whose worker lost its lease, and retries failures until max attempts', async () => {
      const name = `job-${newHexId()}`;
      const id = await store.jobs.enqueue({ name, payload: null, maxAttempts: 2 }, 0);
      const first = await store.jobs.claim('dead', 10, 100, [name]);
      assert.equal(first?.id, id);
      assert.equal(await store.jobs.claim('other', 50, 100, [name]), null);
      const second = await store.jobs.claim('other', 200, 100, [name]);
      assert.equal(second?.id, id);
      assert.equal(await store.jobs.complete(id, 'dead', null, 201), false);
      assert.equal(await store.jobs.fail(id, 'other', 'boom', 210, 220), true);
      assert.equal((await store.jobs.get(id))?.status, 'failed');
      const retried = await store.jobs.enqueue({ name, payload: null, maxAttempts: 3 }, 0);
      const claim = await store.jobs.claim('w', 1, 100, [name]);
      assert.equal(claim?.id, retried);
      await store.jobs.fail(retried, 'w', 'boom', 2, 500);
      const queued = await store.jobs.get(retried);
      assert.equal(queued?.status, 'queued');
      assert.equal(await store.jobs.claim('w', 499, 100, [name]), null);
      assert.equal((await store.jobs.claim('w', 500, 100, [name]))?.id, retried);
    });

    it('keeps a running job\'s progress for its next claim, and only from the lease holder', async () => {
      const name = `job-${newHexId()}`;
      const id = await store.jobs.enqueue({ name, payload: null }, 0);
      await store.jobs.claim('dead', 10, 100, [name]);
      assert.equal(await store.jobs.saveProgress(id, 'dead', { done: [1] }, 11), true);
      // Inside a transaction that rolls back, the progress rolls back with it.
      await assert.rejects(
        store.transaction(async (tx) => {
          assert.equal(await tx.jobs.saveProgress(id, 'dead', { done: [1, 2] }, 12), true);
          throw new Error('rollback');
        }),
      );
      const again = await store.jobs.claim('other', 200, 100, [name]);
      assert.deepEqual(again?.result, { done: [1] });
      assert.equal(await store.jobs.saveProgress(id, 'dead', { done: [] }, 201), false);
      assert.equal(await store.jobs.saveProgress(id, 'other', { done: [1, 2] }, 202), true);
      assert.equal(await store.jobs.complete(id, 'other', { final: true }, 203), true);
      assert.equal(await store.jobs.saveProgress(id, 'other', { late: true }, 204), false);
      assert.deepEqual((await store.jobs.get(id))?.result, { final: true });
    });
  });
}
