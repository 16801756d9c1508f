import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FeedService } from '../../src/services/feed.service.js';
import type { MetaRepos, MetaStore } from '../../src/stores/meta/meta-store.js';
import { dirUrl, fileUrl, mkdirOk } from '../helpers/entry-client.js';
import { delta, drain, listedLines, replay, ReplayedTree, rootInode, takeCursor } from '../helpers/feed-client.js';
import { adminToken, assertSmhError, call, createLibrary, createSpace, initiateUpload, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { content, deleteHistory, MIB, quickHashes } from '../helpers/version-client.js';

const DAY_MS = 24 * 3600 * 1000;

/** X2 change feed (files.md §8.9): event shapes, cursors, retention, atomicity, concurrency. */
describe('fs-delta change feed', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function fresh(extension: Record<string, unknown> = {}): Promise<{ library: Library; token: string; cursor: string; root: string }> {
    const library = await createLibrary(server, extension);
    const token = await adminToken(server, library);
    return { library, token, cursor: await takeCursor(server, library, token), root: await rootInode(server, library, token) };
  }

  it('records each operation with SMH event types and fields', async () => {
    const { library, token, cursor, root } = await fresh();
    await mkdirOk(server, library, token, 'docs');
    assert.equal((await uploadFile(server, library, token, 'docs/a.txt', 'hello')).status, 200);
    assert.equal((await uploadFile(server, library, token, 'docs/a.txt', 'hello again', { strategy: 'overwrite' })).status, 200);
    assert.equal((await call(server, 'POST', dirUrl(library, 'docs/a.txt', token, { update: '' }), { body: { labels: ['x'] } })).status, 204);
    assert.equal((await call(server, 'PUT', fileUrl(library, 'b.txt', token), { body: { from: 'docs/a.txt' } })).status, 200);
    assert.equal((await call(server, 'PUT', fileUrl(library, 'docs/c.txt', token), { body: { copyFrom: 'b.txt' } })).status, 200);
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'b.txt', token))).status, 204);
    const { events } = await drain(server, library, token, cursor);
    assert.deepEqual(events.map((event) => event.eventType), [
      'FILE.CREATE', 'FILE.CREATE', 'FILE.CREATE_OVERWRITE', 'FILE.MODIFY', 'FILE.MOVE', 'FILE.COPY', 'FILE.DELETE',
    ]);
    const [dir, created, overwrite, modify, move, copy, removed] = events;
    assert.equal(dir.type, 'dir');
    assert.equal(dir.parentInode, root);
    assert.deepEqual(dir.path, ['docs']);
    assert.equal(created.parentInode, dir.inode);
    assert.equal(created.name, 'a.txt');
    assert.equal(created.size, '5');
    assert.equal(created.location, 0);
    assert.equal(created.extraInfo.isRapidUpload, false);
    assert.match(created.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const key of ['eTag', 'crc64', 'contentType', 'fileType', 'creationTime', 'modificationTime', 'userId', 'versionId']) {
      assert.ok(key in created, `FILE.CREATE lacks ${key}`);
    }
    assert.equal(overwrite.inode, created.inode, 'an overwriting upload keeps the inode');
    assert.equal(overwrite.extraInfo.overwrittenInode, created.inode);
    assert.equal(overwrite.size, '11');
    assert.equal(modify.inode, created.inode);
    assert.deepEqual([move.inode, move.parentInode, move.name], [created.inode, root, 'b.txt']);
    assert.equal(copy.extraInfo.sourceInode, created.inode);
    assert.notEqual(copy.inode, created.inode);
    assert.equal(removed.inode, created.inode);
  });

  it('marks instant uploads with extraInfo.isRapidUpload', async () => {
    const { library, token, cursor } = await fresh();
    const data = content(1.5 * MIB, 'feed-rapid');
    assert.equal((await uploadFile(server, library, token, 'first.bin', data)).status, 200);
    const linked = await initiateUpload(server, library, token, 'second.bin', { body: { ...quickHashes(data), size: String(data.length) } });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    const { events } = await drain(server, library, token, cursor);
    assert.deepEqual(events.map((event) => [event.eventType, event.name, event.extraInfo.isRapidUpload]), [
      ['FILE.CREATE', 'first.bin', false],
      ['FILE.CREATE', 'second.bin', true],
    ]);
  });

  it('records trash, restore and purge with their locations', async () => {
    const { library, token, cursor } = await fresh({ UseRecycleBin: true });
    await mkdirOk(server, library, token, 'd/e');
    assert.equal((await uploadFile(server, library, token, 'd/e/f.txt', 'f')).status, 200);
    const trashed = await call(server, 'DELETE', dirUrl(library, 'd', token));
    assert.equal(trashed.status, 200, JSON.stringify(trashed.body));
    const item = trashed.body.recycledItemId;
    const bin = `/api/v1/recycled/${library.libraryId}/-/${item}`;
    assert.equal((await call(server, 'POST', `${bin}${q(token, { restore: '' })}`)).status, 200);
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'd/e/f.txt', token))).status, 200);
    const binItems = await call(server, 'GET', `/api/v1/recycled/${library.libraryId}/-${q(token)}`);
    const fileItem = binItems.body.contents[0].recycledItemId;
    assert.equal((await call(server, 'DELETE', `/api/v1/recycled/${library.libraryId}/-/${fileItem}${q(token)}`)).status, 204);
    const { events } = await drain(server, library, token, cursor, 2);
    assert.deepEqual(events.map((event) => [event.eventType, event.name, event.location]), [
      ['FILE.CREATE', 'd', 0], ['FILE.CREATE', 'e', 0], ['FILE.CREATE', 'f.txt', 0],
      ['FILE.TRASH', 'd', 1],
      ['FILE.RESTORE', 'd', 0], ['FILE.RESTORE', 'e', 0], ['FILE.RESTORE', 'f.txt', 0],
      ['FILE.TRASH', 'f.txt', 1],
      ['RECYCLE.DELETE', 'f.txt', 1],
    ]);
    assert.equal(events[3].extraInfo.recycledItemId, item);
  });

  it('records history versions: created on overwrite, made latest, deleted', async () => {
    const { library, token, cursor } = await fresh({ EnableFileHistory: true, FileHistoryCount: 5, FileHistoryExpireDay: 0 });
    assert.equal((await uploadFile(server, library, token, 'v.txt', 'one')).status, 200);
    assert.equal((await uploadFile(server, library, token, 'v.txt', 'two!', { strategy: 'overwrite' })).status, 200);
    const history = await call(server, 'GET', `/api/v1/directory-history/${library.libraryId}/-/history-list/v.txt${q(token)}`);
    assert.equal(history.status, 200, JSON.stringify(history.body));
    const [version] = history.body.contents.filter((item: { isLatestVersion?: boolean }) => !item.isLatestVersion);
    const latest = await call(server, 'POST', `/api/v1/directory-history/${library.libraryId}/-/latest-version/${version.id}${q(token)}`);
    assert.equal(latest.status, 200, JSON.stringify(latest.body));
    const after = await call(server, 'GET', `/api/v1/directory-history/${library.libraryId}/-/history-list/v.txt${q(token)}`);
    const kept = after.body.contents.filter((item: { isLatestVersion?: boolean }) => !item.isLatestVersion).map((item: { id: number }) => item.id);
    assert.equal(kept.length, 1);
    assert.equal((await deleteHistory(server, library, token, kept)).status, 204);
    const { events } = await drain(server, library, token, cursor);
    assert.deepEqual(events.map((event) => event.eventType), [
      'FILE.CREATE', 'HISTORY.CREATE', 'FILE.CREATE_OVERWRITE', 'HISTORY.CREATE', 'HISTORY.LATEST', 'HISTORY.DELETE',
    ]);
    assert.equal(events[5].extraInfo.historyId, kept[0]);
    assert.equal(events[1].location, 2);
    assert.equal(events[4].size, '3', 'HISTORY.LATEST carries the restored content');
    const tree = new ReplayedTree(await rootInode(server, library, token));
    replay(tree, events);
    assert.deepEqual(tree.lines(), await listedLines(server, library, token));
  });

  it('refuses bad cursors and limits with SMH errors', async () => {
    const { library, token, cursor } = await fresh();
    const url = (extra: Record<string, string>) => `/api/v1/fs-delta/${library.libraryId}/-/delta${q(token, extra)}`;
    assertSmhError(await call(server, 'GET', url({})), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'GET', url({ cursor: 'garbage' })), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'GET', url({ cursor, limit: '1001' })), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'GET', url({ cursor, limit: '0' })), 400, 'ParamInvalid');
    const other = await fresh();
    assertSmhError(await delta(server, library, token, other.cursor), 400, 'ParamInvalid');
    const empty = await delta(server, library, token, cursor);
    assert.deepEqual({ ...empty.body, cursor: undefined }, { cursor: undefined, hasMore: false, contents: [] });
    assertSmhError(await call(server, 'GET', `/api/v1/fs-delta/${library.libraryId}/-/cursor`), 400, 'EmptyAccessToken');
  });

  it('refuses a cursor of another space of the same library, and of a deleted space', async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const token = await adminToken(server, library);
    const a = await createSpace(server, library, token);
    const b = await createSpace(server, library, token);
    const cursorA = await takeCursor(server, library, token, a);
    assertSmhError(await delta(server, library, token, cursorA, undefined, b), 400, 'ParamInvalid');
    assert.equal((await call(server, 'DELETE', `/api/v1/space/${library.libraryId}/${a}${q(token, { force: '1' })}`)).status, 204);
    await createSpace(server, library, token, { spaceId: a });
    assertSmhError(await delta(server, library, token, cursorA, undefined, a), 400, 'CursorExpired');
  });

  it('expires cursors older than the retention; newer ones keep working', async () => {
    const { library, token, cursor } = await fresh();
    await mkdirOk(server, library, token, 'old');
    server.clock.advance(2 * DAY_MS);
    const renewed = await adminToken(server, library);
    const recent = await takeCursor(server, library, renewed);
    await mkdirOk(server, library, renewed, 'new');
    const feed = new FeedService({ meta: server.stores.meta, clock: server.clock, retentionDays: 1 });
    assert.ok((await feed.sweep()) >= 1);
    assertSmhError(await delta(server, library, renewed, cursor), 400, 'CursorExpired');
    const { events } = await drain(server, library, renewed, recent);
    assert.deepEqual(events.map((event) => event.name), ['new']);
  });

  it('an operation whose event cannot be written changes nothing', async () => {
    const { library, token, cursor } = await fresh();
    await mkdirOk(server, library, token, 'keep');
    const meta = server.stores.meta as { transaction: MetaStore['transaction'] };
    const original = meta.transaction;
    meta.transaction = (fn) =>
      original((tx) => fn({ ...tx, feed: { ...tx.feed, append: async () => { throw new Error('simulated crash at the event insert'); } } } as MetaRepos));
    try {
      // The failure surfaces as a 5xx (500, or 499 where the upload path maps it); what matters is what follows.
      const failed = (status: number) => assert.ok(status >= 499, `status ${status}`);
      failed((await call(server, 'PUT', dirUrl(library, 'lost', token))).status);
      failed((await uploadFile(server, library, token, 'keep/lost.txt', 'x')).status);
      failed((await call(server, 'PUT', dirUrl(library, 'moved', token), { body: { from: 'keep' } })).status);
      failed((await call(server, 'DELETE', dirUrl(library, 'keep', token))).status);
    } finally {
      meta.transaction = original;
    }
    assert.deepEqual((await listedLines(server, library, token)).map((text) => text.split('|')[0]), ['keep']);
    const { events } = await drain(server, library, token, cursor);
    assert.deepEqual(events.map((event) => event.name), ['keep']);
  });

  it('a reader polling during concurrent writes never skips an event', async () => {
    const { library, token, cursor } = await fresh();
    let writing = true;
    const seen: string[] = [];
    const reader = (async () => {
      let position = cursor;
      while (writing) {
        const page = await drain(server, library, token, position, 3);
        seen.push(...page.events.map((event) => event.inode));
        position = page.cursor;
      }
      const rest = await drain(server, library, token, position);
      seen.push(...rest.events.map((event) => event.inode));
    })();
    await Promise.all(
      Array.from({ length: 16 }, async (_, index) => {
        if (index % 2 === 0) {
          await mkdirOk(server, library, token, `dir-${index}`);
        } else {
          assert.equal((await uploadFile(server, library, token, `file-${index}.txt`, `x${index}`)).status, 200);
        }
      }),
    );
    writing = false;
    await reader;
    const all = await drain(server, library, token, cursor);
    assert.equal(all.events.length, 16);
    assert.deepEqual(seen, all.events.map((event) => event.inode), 'the polling reader saw every event, in feed order');
  });
});
