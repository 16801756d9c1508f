import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addFavorite, downloadFor, recentFiles } from '../helpers/search-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Recently used files (files.md §7.8): recorded by `purpose=preview` downloads, listed newest first. */
describe('recently used files', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const FILES = ['report.pdf', 'letter.docx', 'photo.png', 'sheet.xlsx', 'notes.txt'];

  /** Uploads FILES and previews them in order, a second apart, as `user`. */
  async function fixture(user = 'alice'): Promise<{ library: Library; token: string }> {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    for (const name of FILES) {
      assert.equal((await uploadFile(server, library, admin, name, `content of ${name}`)).status, 200);
    }
    const token = await createToken(server, library, { grant: 'space_admin', user_id: user });
    for (const name of FILES) {
      server.clock.advance(1000);
      await downloadFor(server, library, token, name, 'preview');
    }
    return { library, token };
  }

  const names = (response: { body: any }) => response.body.contents.map((item: any) => item.name);

  it('lists previewed files newest first with their fields', async () => {
    const { library, token } = await fixture();
    const listed = await recentFiles(server, library, token);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(names(listed), [...FILES].reverse());
    assert.equal(listed.body.nextMarker, undefined);
    const item = listed.body.contents[0];
    assert.equal(item.actionType, 'preview');
    assert.equal(item.spaceId, '-');
    assert.equal(typeof item.inode, 'string');
    assert.equal(item.size, String('content of notes.txt'.length));
    assert.equal(typeof item.crc64, 'string');
    assert.match(item.operationTime, /^\d{4}-\d\d-\d\dT/);
    assert.match(item.creationTime, /^\d{4}-\d\d-\d\dT/);
    assert.equal(item.path, undefined);
    assert.equal(item.isFavorite, undefined);
    const withPath = await recentFiles(server, library, token, { withPath: true, limit: 1 });
    assert.deepEqual(withPath.body.contents[0].path, ['notes.txt']);
  });

  it('records only previews, once per file, moving a re-previewed file to the top', async () => {
    const { library, token } = await fixture();
    await downloadFor(server, library, token, 'photo.png');
    await downloadFor(server, library, token, 'photo.png', 'download');
    assert.equal(names(await recentFiles(server, library, token))[0], 'notes.txt');
    server.clock.advance(1000);
    await downloadFor(server, library, token, 'report.pdf', 'preview');
    const listed = names(await recentFiles(server, library, token));
    assert.deepEqual(listed, ['report.pdf', 'notes.txt', 'sheet.xlsx', 'photo.png', 'letter.docx']);
  });

  it('filters by action and by type names or extensions', async () => {
    const { library, token } = await fixture();
    assert.deepEqual(names(await recentFiles(server, library, token, { filterActionBy: 'modify' })), []);
    assert.equal(names(await recentFiles(server, library, token, { filterActionBy: 'preview' })).length, 5);
    assert.deepEqual(names(await recentFiles(server, library, token, { type: 'document' })), ['notes.txt', 'sheet.xlsx', 'letter.docx', 'report.pdf']);
    assert.deepEqual(names(await recentFiles(server, library, token, { type: 'pdf' })), ['report.pdf']);
    assert.deepEqual(names(await recentFiles(server, library, token, { type: ['word', 'excel'] })), ['sheet.xlsx', 'letter.docx']);
    assert.deepEqual(names(await recentFiles(server, library, token, { type: ['.PNG', 'pdf'] })), ['photo.png', 'report.pdf']);
    assert.equal(names(await recentFiles(server, library, token, { type: 'all' })).length, 5);
  });

  it('pages with the marker', async () => {
    const { library, token } = await fixture();
    const seen: string[] = [];
    let page = await recentFiles(server, library, token, { limit: 2 });
    seen.push(...names(page));
    while (page.body.nextMarker) {
      page = await recentFiles(server, library, token, { limit: 2, marker: page.body.nextMarker });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      seen.push(...names(page));
    }
    assert.deepEqual(seen, [...FILES].reverse());
  });

  it('keeps lists per user, drops deleted files and can flag favorites', async () => {
    const { library, token } = await fixture();
    const admin = await adminToken(server, library);
    const bob = await createToken(server, library, { grant: 'space_admin', user_id: 'bob' });
    assert.deepEqual(names(await recentFiles(server, library, bob)), []);
    await downloadFor(server, library, bob, 'photo.png', 'preview');
    assert.deepEqual(names(await recentFiles(server, library, bob)), ['photo.png']);
    assert.equal((await call(server, 'DELETE', `/api/v1/file/${library.libraryId}/-/photo.png${q(admin)}`)).status, 204);
    assert.deepEqual(names(await recentFiles(server, library, bob)), []);
    assert.equal(names(await recentFiles(server, library, token)).length, 4);
    assert.equal((await addFavorite(server, library, token, { path: 'notes.txt' })).status, 200);
    const flagged = await recentFiles(server, library, token, { withFavoriteStatus: true, limit: 2 });
    assert.deepEqual(flagged.body.contents.map((item: any) => item.isFavorite), [true, false]);
  });

  it('needs admin or space_admin and well-formed bodies', async () => {
    const { library, token } = await fixture();
    const plain = await createToken(server, library, { user_id: 'alice' });
    await downloadFor(server, library, plain, 'notes.txt', 'preview');
    assertSmhError(await recentFiles(server, library, plain), 403, 'NoPermission');
    const other = await createLibrary(server);
    assertSmhError(await recentFiles(server, other, token), 403, 'InvalidAccessToken');
    assertSmhError(await call(server, 'POST', `/api/v1/recent/${library.libraryId}/-/recently-used-file`, { body: {} }), 400, 'EmptyAccessToken');
    const bad: unknown[] = [
      [1],
      { limit: 0 },
      { limit: 101 },
      { limit: '5' },
      { filterActionBy: 'open' },
      { type: 'spreadsheet' },
      { type: [3] },
      { type: { pdf: true } },
      { marker: 5 },
    ];
    for (const body of bad) {
      assertSmhError(await recentFiles(server, library, token, body), 400, 'ParamInvalid');
    }
    assertSmhError(await recentFiles(server, library, token, { marker: 'not-a-marker' }), 400, 'MarkerInvalid');
  });
});
