import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { continueSearch, searchUrl, startSearch } from '../helpers/search-client.js';
import { adminToken, assertSmhError, call, createLibrary, createSpace, createToken, type Library, makeDirectory } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** S1–S3 refusals: feature off, unknown or foreign search ids, markers, credentials, bad bodies. */
describe('search: errors', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function searchable(extension: Record<string, unknown> = {}): Promise<{ library: Library; token: string }> {
    const library = await createLibrary(server, { EnableSearch: true, ...extension });
    const token = await adminToken(server, library);
    for (let i = 0; i < (extension.IsMultiSpace ? 0 : 25); i += 1) {
      await makeDirectory(server, library, token, `dir-${String(i).padStart(2, '0')}`);
    }
    return { library, token };
  }

  it('refuses every search call when the library has search disabled', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assertSmhError(await startSearch(server, library, token, { keyword: 'x' }), 400, 'SearchNotEnabled');
    assertSmhError(await continueSearch(server, library, token, 'whatever', 20), 400, 'SearchNotEnabled');
    assertSmhError(await call(server, 'DELETE', searchUrl(library, token, 'whatever')), 400, 'SearchNotEnabled');
  });

  it('answers SearchIdInvalid for unknown, deleted and expired search ids', async () => {
    const { library, token } = await searchable();
    assertSmhError(await continueSearch(server, library, token, 'no-such-search', 20), 400, 'SearchIdInvalid');
    assertSmhError(await call(server, 'DELETE', searchUrl(library, token, 'no-such-search')), 400, 'SearchIdInvalid');
    const started = await startSearch(server, library, token, {});
    assert.equal((await call(server, 'DELETE', searchUrl(library, token, started.body.searchId))).status, 204);
    assertSmhError(await continueSearch(server, library, token, started.body.searchId, 20), 400, 'SearchIdInvalid');
    const aging = await startSearch(server, library, token, {});
    assert.equal((await continueSearch(server, library, token, aging.body.searchId, 20)).status, 200);
    server.clock.advance(25 * 3600_000);
    const fresh = await adminToken(server, library);
    assertSmhError(await continueSearch(server, library, fresh, aging.body.searchId, 20), 400, 'SearchIdInvalid');
  });

  it('checks the marker', async () => {
    const { library, token } = await searchable();
    const started = await startSearch(server, library, token, {});
    assert.equal(started.body.nextMarker, 20);
    const id = started.body.searchId;
    assertSmhError(await call(server, 'GET', searchUrl(library, token, id)), 400, 'ParamInvalid');
    assertSmhError(await continueSearch(server, library, token, id, 'abc'), 400, 'MarkerInvalid');
    assertSmhError(await continueSearch(server, library, token, id, -20), 400, 'MarkerInvalid');
    assertSmhError(await continueSearch(server, library, token, id, 40), 400, 'MarkerInvalid');
  });

  it('keeps a search to the user, library and space that started it', async () => {
    const { library, token } = await searchable({ IsMultiSpace: true });
    const spaceA = await createSpace(server, library, token);
    const spaceB = await createSpace(server, library, token);
    const alice = await createToken(server, library, { user_id: 'alice', space_id: spaceA });
    const bob = await createToken(server, library, { user_id: 'bob', space_id: spaceA });
    await makeDirectory(server, library, token, 'in-a', spaceA);
    const started = await startSearch(server, library, alice, {}, { space: spaceA });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.deepEqual(started.body.contents.map((item: any) => item.name), ['in-a']);
    assert.equal((await continueSearch(server, library, alice, started.body.searchId, 0, { space: spaceA })).status, 200);
    assertSmhError(await continueSearch(server, library, bob, started.body.searchId, 0, { space: spaceA }), 400, 'SearchIdInvalid');
    assertSmhError(await continueSearch(server, library, token, started.body.searchId, 0, { space: spaceB }), 400, 'SearchIdInvalid');
    assertSmhError(await startSearch(server, library, alice, {}, { space: spaceB }), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await startSearch(server, library, token, {}, { space: '-' }), 404, 'SpaceNotFound');
    const other = await searchable();
    assertSmhError(await continueSearch(server, other.library, other.token, started.body.searchId, 0), 400, 'SearchIdInvalid');
    assertSmhError(await startSearch(server, other.library, token, {}), 403, 'InvalidAccessToken');
  });

  it('needs a credential unless the library is public-read', async () => {
    const { library } = await searchable();
    const anonymous = await call(server, 'POST', `/api/v1/search/${library.libraryId}/-/space-contents`, { body: {} });
    assertSmhError(anonymous, 400, 'EmptyAccessToken');
  });

  it('rejects a scope that is not a directory', async () => {
    const { library, token } = await searchable();
    assertSmhError(await startSearch(server, library, token, { scope: 'missing' }), 404, 'DirectoryNotFound');
    assertSmhError(await startSearch(server, library, token, { scope: 'a/../b' }), 400, 'IllegalFileName');
  });

  it('rejects malformed bodies', async () => {
    const { library, token } = await searchable();
    const bad: [unknown, string][] = [
      [[1, 2], 'ParamInvalid'],
      [{ keyword: 5 }, 'ParamInvalid'],
      [{ scope: ['a'] }, 'ParamInvalid'],
      [{ type: 'spreadsheet' }, 'ParamInvalid'],
      [{ type: [1] }, 'ParamInvalid'],
      [{ extname: ['png!'] }, 'ParamInvalid'],
      [{ extname: 'x'.repeat(300) }, 'ParamInvalid'],
      [{ minFileSize: -1 }, 'ParamInvalid'],
      [{ maxFileSize: 1.5 }, 'ParamInvalid'],
      [{ minFileSize: 10, maxFileSize: 5 }, 'ParamInvalid'],
      [{ modificationTimeStart: 'yesterday' }, 'InvalidTimeFormat'],
      [{ modificationTimeEnd: 12 }, 'InvalidTimeFormat'],
      [{ modificationTimeStart: '2024-02-01T00:00:00Z', modificationTimeEnd: '2024-01-01T00:00:00Z' }, 'ParamInvalid'],
      [{ orderBy: 'colour' }, 'ParamInvalid'],
      [{ orderByType: 'up' }, 'ParamInvalid'],
      [{ searchMode: 'slow' }, 'ParamInvalid'],
      [{ labels: 'animal' }, 'ParamInvalid'],
      [{ categories: [3] }, 'ParamInvalid'],
      [{ creators: [{ userOrgId: 1 }] }, 'ParamInvalid'],
      [{ keyword: Array.from({ length: 21 }, (_, i) => `k${i}`).join(' ') }, 'SearchTooComplex'],
      [{ extname: Array.from({ length: 101 }, (_, i) => `.e${i}`) }, 'SearchTooComplex'],
    ];
    for (const [body, code] of bad) {
      const response = await startSearch(server, library, token, body);
      assert.equal(response.body?.code, code, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(response.body)}`);
      assert.equal(response.status, 400);
    }
    const notJson = await call(server, 'POST', searchUrl(library, token, 'space-contents'), {
      raw: '{"keyword":',
      headers: { 'content-type': 'application/json' },
    });
    assertSmhError(notJson, 400, 'BadRequest');
  });
});
