import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { searchAll, searchNames, startSearch } from '../helpers/search-client.js';
import { adminToken, call, createLibrary, createToken, encodePath, type Library, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** S1 filters (dirs.md §8): keyword, scope, type, extname, size, times, labels, categories, creators, order. */
describe('search: filters', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function upload(library: Library, token: string, path: string, content: string): Promise<void> {
    const confirmed = await uploadFile(server, library, token, path, content);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  }

  /** A small tree: docs, images, music, with distinct sizes. */
  async function fixture(): Promise<{ library: Library; token: string }> {
    const library = await createLibrary(server, { EnableSearch: true });
    const token = await adminToken(server, library);
    await makeDirectory(server, library, token, 'docs/sub');
    await makeDirectory(server, library, token, 'images');
    await upload(library, token, 'docs/Report-2024.pdf', 'x'.repeat(100));
    await upload(library, token, 'docs/notes.txt', 'x'.repeat(10));
    await upload(library, token, 'docs/sub/report-old.docx', 'x'.repeat(300));
    await upload(library, token, 'images/cat.png', 'x'.repeat(50));
    await upload(library, token, 'images/dog.jpg', 'x'.repeat(60));
    await upload(library, token, 'images/cat and dog.png', 'x'.repeat(70));
    await upload(library, token, 'song.mp3', 'x'.repeat(20));
    return { library, token };
  }

  const sorted = (names: string[]) => [...names].sort();

  it('finds case-insensitive substrings of names, with entry objects as in listings', async () => {
    const { library, token } = await fixture();
    const first = await startSearch(server, library, token, { keyword: 'REPORT' }, { extra: { with_inode: '1' } });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(typeof first.body.searchId, 'string');
    assert.equal(first.body.searchFinished, true);
    assert.equal(first.body.hasMore, false);
    assert.equal(first.body.nextMarker, undefined);
    assert.deepEqual(sorted(first.body.contents.map((item: any) => item.name)), ['Report-2024.pdf', 'report-old.docx']);
    const pdf = first.body.contents.find((item: any) => item.name === 'Report-2024.pdf');
    assert.deepEqual(pdf.path, ['docs', 'Report-2024.pdf']);
    assert.equal(pdf.type, 'file');
    assert.equal(pdf.size, '100');
    assert.equal(typeof pdf.inode, 'string');
    assert.equal(pdf.userId, '');
    assert.equal(pdf.isFavorite, undefined);
  });

  it('ORs space-separated keywords, ranks names matching more of them first, and handles short keywords', async () => {
    const { library, token } = await fixture();
    const names = await searchNames(server, library, token, { keyword: 'dog cat' });
    assert.equal(names[0], 'cat and dog.png');
    assert.deepEqual(sorted(names), ['cat and dog.png', 'cat.png', 'dog.jpg']);
    assert.deepEqual(sorted(await searchNames(server, library, token, { keyword: 'og' })), ['cat and dog.png', 'dog.jpg']);
    assert.deepEqual(await searchNames(server, library, token, { keyword: 'S' }), ['docs', 'images', 'notes.txt', 'song.mp3', 'sub']);
    assert.deepEqual(await searchNames(server, library, token, { keyword: 'nothing-like-this' }), []);
  });

  it('treats LIKE wildcards in keywords literally', async () => {
    const { library, token } = await fixture();
    await upload(library, token, 'docs/100%_done.txt', 'y');
    assert.deepEqual(await searchNames(server, library, token, { keyword: '%_' }), ['100%_done.txt']);
    assert.deepEqual(await searchNames(server, library, token, { keyword: '0%_d' }), ['100%_done.txt']);
  });

  it('limits results to a scope directory', async () => {
    const { library, token } = await fixture();
    assert.deepEqual(await searchNames(server, library, token, { scope: 'docs' }), ['notes.txt', 'Report-2024.pdf', 'report-old.docx', 'sub'].sort());
    assert.deepEqual(await searchNames(server, library, token, { scope: '/docs/sub/', keyword: 'report' }), ['report-old.docx']);
    assert.equal((await searchNames(server, library, token, { scope: '/' })).length, 10);
  });

  it('filters by type (MIME classes, document classes, dir/file, negation) and extname', async () => {
    const { library, token } = await fixture();
    assert.deepEqual(await searchNames(server, library, token, { type: 'image' }), ['cat and dog.png', 'cat.png', 'dog.jpg']);
    assert.deepEqual(await searchNames(server, library, token, { type: ['audio'] }), ['song.mp3']);
    assert.deepEqual(await searchNames(server, library, token, { type: 'dir' }), ['docs', 'images', 'sub']);
    assert.deepEqual(await searchNames(server, library, token, { type: ['pdf', 'word'] }), ['Report-2024.pdf', 'report-old.docx']);
    assert.deepEqual(await searchNames(server, library, token, { type: 'doc' }), ['report-old.docx']);
    assert.deepEqual(await searchNames(server, library, token, { type: 'all', keyword: 'notes' }), ['notes.txt']);
    assert.deepEqual(await searchNames(server, library, token, { type: ['file', '!image', '!audio'] }), ['Report-2024.pdf', 'notes.txt', 'report-old.docx']);
    assert.deepEqual(await searchNames(server, library, token, { extname: ['.PNG', 'txt'] }), ['cat and dog.png', 'cat.png', 'notes.txt']);
    assert.deepEqual(await searchNames(server, library, token, { type: 'image', extname: ['.jpg'] }), ['dog.jpg']);
  });

  it('filters files by size range', async () => {
    const { library, token } = await fixture();
    assert.deepEqual(await searchNames(server, library, token, { minFileSize: 60, maxFileSize: 100 }), ['Report-2024.pdf', 'cat and dog.png', 'dog.jpg']);
    assert.deepEqual(await searchNames(server, library, token, { minFileSize: '250' }), ['report-old.docx']);
    assert.deepEqual(await searchNames(server, library, token, { maxFileSize: 10 }), ['notes.txt']);
  });

  it('filters by modification and creation time ranges', async () => {
    const library = await createLibrary(server, { EnableSearch: true });
    const token = await adminToken(server, library);
    await upload(library, token, 'old.txt', 'a');
    server.clock.advance(3600_000);
    const middle = new Date(server.clock.now() - 1800_000).toISOString();
    await upload(library, token, 'new.txt', 'b');
    assert.deepEqual(await searchNames(server, library, token, { modificationTimeStart: middle }), ['new.txt']);
    assert.deepEqual(await searchNames(server, library, token, { modificationTimeEnd: middle }), ['old.txt']);
    assert.deepEqual(await searchNames(server, library, token, { creationTimeStart: middle, type: 'file' }), ['new.txt']);
  });

  it('filters by labels, categories and creators', async () => {
    const { library, token } = await fixture();
    const update = (path: string, body: unknown) =>
      call(server, 'POST', `/api/v1/directory/${library.libraryId}/-/${encodePath(path)}${q(token, { update: '' })}`, { body });
    assert.equal((await update('images/cat.png', { labels: ['animal', 'cute'], category: 'pets' })).status, 204);
    assert.equal((await update('images/dog.jpg', { labels: ['animal'] })).status, 204);
    assert.equal((await update('docs', { labels: ['work "stuff"'] })).status, 204);
    assert.deepEqual(await searchNames(server, library, token, { labels: ['animal'] }), ['cat.png', 'dog.jpg']);
    assert.deepEqual(await searchNames(server, library, token, { labels: ['cute', 'work "stuff"'] }), ['cat.png', 'docs']);
    assert.deepEqual(await searchNames(server, library, token, { labels: ['anim'] }), []);
    assert.deepEqual(await searchNames(server, library, token, { categories: ['pets'] }), ['cat.png']);
    assert.deepEqual(await searchNames(server, library, token, { 'categories ': ['pets'] }), ['cat.png']);
    await upload(library, await createToken(server, library, { grant: 'admin', user_id: 'alice' }), 'by-alice.txt', 'a');
    await upload(library, await createToken(server, library, { grant: 'admin', user_id: 'bob' }), 'by-bob.txt', 'b');
    assert.deepEqual(await searchNames(server, library, token, { creators: [{ userOrgId: 1, userId: 'alice' }] }), ['by-alice.txt']);
    const both = await searchAll(server, library, token, { creators: [{ userId: 'alice' }, { userId: 'bob' }] });
    assert.deepEqual(both.map((item) => [item.name, item.userId]), [['by-alice.txt', 'alice'], ['by-bob.txt', 'bob']]);
  });

  it('orders by the requested field and direction', async () => {
    const { library, token } = await fixture();
    const bySize = await searchNames(server, library, token, { type: 'file', orderBy: 'size', orderByType: 'desc' });
    assert.deepEqual(bySize, ['report-old.docx', 'Report-2024.pdf', 'cat and dog.png', 'dog.jpg', 'cat.png', 'song.mp3', 'notes.txt']);
    const byName = await searchNames(server, library, token, { type: 'image', orderBy: 'name', orderByType: 'desc' });
    assert.deepEqual(byName, ['dog.jpg', 'cat.png', 'cat and dog.png']);
    const byTime = await searchNames(server, library, token, { scope: 'images', orderBy: 'modificationTime' });
    assert.equal(byTime.length, 3);
  });

  it('accepts an empty body and continues through the POST spelling of S2 (Flutter)', async () => {
    const { library, token } = await fixture();
    const started = await call(server, 'POST', `/api/v1/search/${library.libraryId}/-/space-contents${q(token)}`);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.contents.length, 10);
    const again = await call(server, 'POST', `/api/v1/search/${library.libraryId}/-/${started.body.searchId}${q(token, { marker: '0' })}`);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.contents, started.body.contents);
  });

  it('deletes a search task with 204', async () => {
    const { library, token } = await fixture();
    const started = await startSearch(server, library, token, { keyword: 'cat' });
    const deleted = await call(server, 'DELETE', `/api/v1/search/${library.libraryId}/-/${started.body.searchId}${q(token)}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, undefined);
  });
});
