import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSmhError, call, createLibrary, createSpace, createToken, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount } from '../helpers/version-client.js';

/** S1, S2, S2L, S3, S8: creating, listing, counting and deleting tenant spaces (core.md §4). */
describe('tenant spaces: create and delete', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { IsMultiSpace: true });
    admin = await createToken(server, library, { grant: 'admin' });
  });
  after(async () => {
    await server.close();
  });

  const L = () => library.libraryId;
  const post = (params: Record<string, string>, body?: unknown) =>
    call(server, 'POST', `/api/v1/space/${L()}${q(admin, params)}`, { body });

  it('creates a space with a generated id', async () => {
    const response = await post({});
    assert.equal(response.status, 201);
    assert.deepEqual(Object.keys(response.body), ['spaceId']);
    assert.match(response.body.spaceId, /^space[a-z0-9]{13}$/);
    const root = await call(server, 'GET', `/api/v1/directory/${L()}/${response.body.spaceId}${q(admin)}`);
    assert.equal(root.status, 200);
  });

  it('creates a space with a valid custom id and rejects invalid ones', async () => {
    for (const id of ['ab', 'my-space-1', 'a'.repeat(32), '0-0']) {
      const response = await post({ space_id: id });
      assert.equal(response.status, 201, `${id}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.spaceId, id);
    }
    for (const id of ['a', 'a'.repeat(33), '-ab', 'ab-', 'Upper', 'under_score', 'dot.ted', 'sp ace', '中文']) {
      assertSmhError(await post({ space_id: id }), 400, 'SpaceIdInvalid');
    }
  });

  it('rejects a duplicate space id with 409', async () => {
    assert.equal((await post({ space_id: 'dup-space' })).status, 201);
    const again = await post({ space_id: 'dup-space' });
    assert.equal(again.status, 409);
    assert.equal(typeof again.body.code, 'string');
  });

  it('takes the extension from the body and rejects bad bodies', async () => {
    const made = await post({}, { isPublicRead: true, isMultiAlbum: true, spaceTag: 'team', allowPhotoExtname: ['.JPG'] });
    assert.equal(made.status, 201);
    const ext = await call(server, 'GET', `/api/v1/space/${L()}/${made.body.spaceId}/extension${q(admin)}`);
    assert.equal(ext.body.isPublicRead, true);
    assert.equal(ext.body.isMultiAlbum, true);
    assert.equal(ext.body.spaceTag, 'team');
    assert.deepEqual(ext.body.allowPhotoExtname, ['.jpg']);
    assertSmhError(await post({}, { isPublicRead: 'yes' }), 400, 'ParamInvalid');
    assertSmhError(await post({}, [1, 2]), 400, 'ParamInvalid');
    assertSmhError(await post({}, { allowPhotoExtname: 'jpg' }), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'POST', `/api/v1/space/${L()}${q(admin)}`, { body: '{bad' }), 400, 'BadRequest');
  });

  it('records the creating user', async () => {
    const creator = await createToken(server, library, { grant: 'create_space', user_id: 'alice' });
    const id = await createSpace(server, library, creator, { spaceId: 'alice-space' });
    const list = await call(server, 'GET', `/api/v1/space/${L()}/list${q(admin, { ordered: '1', prefix: 'alice-' })}`);
    assert.deepEqual(
      list.body.list.map((s: { spaceId: string; userId: string }) => [s.spaceId, s.userId]),
      [[id, 'alice']],
    );
    assert.ok(!Number.isNaN(Date.parse(list.body.list[0].creationTime)));
  });

  it('refuses tenant-space operations in a single-tenant library', async () => {
    const single = await createLibrary(server);
    const token = await createToken(server, single, { grant: 'admin' });
    assertSmhError(await call(server, 'POST', `/api/v1/space/${single.libraryId}${q(token)}`), 400, 'NotMultiSpaceLibrary');
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${single.libraryId}/-${q(token)}`), 400, 'NotMultiSpaceLibrary');
    for (const suffix of ['/list', '', '/count']) {
      assertSmhError(await call(server, 'GET', `/api/v1/space/${single.libraryId}${suffix}${q(token)}`), 400, 'NotMultiSpaceLibrary');
    }
  });

  it('deletes an empty space', async () => {
    const id = await createSpace(server, library, admin);
    const response = await call(server, 'DELETE', `/api/v1/space/${L()}/${id}${q(admin)}`);
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${L()}/${id}${q(admin)}`), 404, 'SpaceNotFound');
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${id}${q(admin)}`), 404, 'SpaceNotFound');
  });

  it('refuses to delete a non-empty space unless forced, then removes its files and blobs', async () => {
    const id = await createSpace(server, library, admin);
    const blobsBefore = await blobCount(server);
    const uploaded = await uploadFile(server, library, admin, 'doomed.txt', `unique content ${id}`, { space: id });
    assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
    assert.equal(await blobCount(server), blobsBefore + 1);
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${id}${q(admin)}`), 409, 'SpaceNotEmpty');
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${id}${q(admin, { force: '0' })}`), 409, 'SpaceNotEmpty');
    const forced = await call(server, 'DELETE', `/api/v1/space/${L()}/${id}${q(admin, { force: '1' })}`);
    assert.equal(forced.status, 204, JSON.stringify(forced.body));
    assert.equal(await blobCount(server), blobsBefore);
    assert.equal(await server.stores.meta.entries.get(L(), id, 'doomed.txt'), null);
    assertSmhError(await call(server, 'GET', `/api/v1/file/${L()}/${id}/doomed.txt${q(admin)}`), 404, 'SpaceNotFound');
  });

  it('counts a directory as content', async () => {
    const id = await createSpace(server, library, admin);
    assert.equal((await call(server, 'PUT', `/api/v1/directory/${L()}/${id}/d${q(admin)}`)).status, 201);
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${id}${q(admin)}`), 409, 'SpaceNotEmpty');
  });

  it('answers 404 for unknown spaces', async () => {
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/nosuchspace${q(admin)}`), 404, 'SpaceNotFound');
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/nosuchspace/extension${q(admin)}`), 404, 'SpaceNotFound');
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/nosuchspace/size${q(admin)}`), 404, 'SpaceNotFound');
  });
});

describe('tenant spaces: list and count', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;
  const ids: string[] = [];

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { IsMultiSpace: true });
    admin = await createToken(server, library, { grant: 'admin' });
    const alice = await createToken(server, library, { grant: 'create_space', user_id: 'alice' });
    for (let i = 0; i < 5; i++) {
      ids.push(await createSpace(server, library, admin, { spaceId: `team-${i}` }));
    }
    ids.push(await createSpace(server, library, alice, { spaceId: 'alice-1' }));
    ids.push(await createSpace(server, library, alice, { spaceId: 'alice-2' }));
  });
  after(async () => {
    await server.close();
  });

  const L = () => library.libraryId;
  const list = (token: string, params: Record<string, string> = {}) => call(server, 'GET', `/api/v1/space/${L()}/list${q(token, params)}`);

  it('pages by marker with marker and nextMarker until the end', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await list(admin, { limit: '3', ...(marker ? { marker } : {}) });
      assert.equal(page.status, 200);
      assert.ok(page.body.list.length <= 3);
      seen.push(...page.body.list.map((s: { spaceId: string }) => s.spaceId));
      assert.equal(page.body.marker, page.body.nextMarker);
      marker = page.body.nextMarker;
      pages += 1;
    } while (marker);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), [...ids].sort());
  });

  it('omits the markers when one page holds everything', async () => {
    const page = await list(admin);
    assert.equal(page.body.list.length, ids.length);
    assert.equal(page.body.marker, undefined);
    assert.equal(page.body.nextMarker, undefined);
  });

  it('validates limit and marker', async () => {
    assertSmhError(await list(admin, { limit: '0' }), 400, 'ParamInvalid');
    assertSmhError(await list(admin, { limit: '1001' }), 400, 'ParamInvalid');
    assertSmhError(await list(admin, { limit: 'x' }), 400, 'ParamInvalid');
    assertSmhError(await list(admin, { marker: 'not-a-marker' }), 404, 'MarkerNotFound');
  });

  it('lists ordered by id with prefix and start_name', async () => {
    const all = await list(admin, { ordered: '1' });
    const got = all.body.list.map((s: { spaceId: string }) => s.spaceId);
    assert.deepEqual(got, [...ids].sort());
    const prefixed = await list(admin, { ordered: '1', prefix: 'team-' });
    assert.deepEqual(prefixed.body.list.map((s: { spaceId: string }) => s.spaceId), ['team-0', 'team-1', 'team-2', 'team-3', 'team-4']);
    const after = await list(admin, { ordered: '1', prefix: 'team-', start_name: 'team-2' });
    assert.deepEqual(after.body.list.map((s: { spaceId: string }) => s.spaceId), ['team-3', 'team-4']);
    const paged = await list(admin, { ordered: '1', prefix: 'team-', limit: '2' });
    const next = await list(admin, { ordered: '1', prefix: 'team-', limit: '2', marker: paged.body.nextMarker, start_name: 'team-0' });
    assert.deepEqual(next.body.list.map((s: { spaceId: string }) => s.spaceId), ['team-2', 'team-3']);
  });

  it('keeps the legacy bare-array list', async () => {
    const legacy = await call(server, 'GET', `/api/v1/space/${L()}${q(admin)}`);
    assert.equal(legacy.status, 200);
    assert.ok(Array.isArray(legacy.body));
    assert.deepEqual(Object.keys(legacy.body[0]).sort(), ['creationTime', 'spaceId', 'userId']);
    assert.equal(legacy.body.length, ids.length);
  });

  it('shows non-admin tokens only the spaces their user created', async () => {
    const alice = await createToken(server, library, { user_id: 'alice' });
    const mine = await list(alice);
    assert.deepEqual(mine.body.list.map((s: { spaceId: string }) => s.spaceId).sort(), ['alice-1', 'alice-2']);
    const legacy = await call(server, 'GET', `/api/v1/space/${L()}${q(alice)}`);
    assert.deepEqual(legacy.body.map((s: { spaceId: string }) => s.spaceId).sort(), ['alice-1', 'alice-2']);
    const bob = await createToken(server, library, { user_id: 'bob' });
    assert.deepEqual((await list(bob)).body.list, []);
  });

  it('shows a space admin the spaces it is bound to and those its user created', async () => {
    const token = await createToken(server, library, { grant: 'space_admin', space_id: 'team-1,team-3', user_id: 'alice' });
    const seen = await list(token);
    assert.deepEqual(seen.body.list.map((s: { spaceId: string }) => s.spaceId), ['alice-1', 'alice-2', 'team-1', 'team-3']);
    const paged = await list(token, { limit: '3' });
    assert.equal(paged.body.list.length, 3);
    const rest = await list(token, { limit: '3', marker: paged.body.nextMarker });
    assert.deepEqual(rest.body.list.map((s: { spaceId: string }) => s.spaceId), ['team-3']);
    assert.equal(rest.body.nextMarker, undefined);
  });

  it('lets a user-less admin token list as user_id', async () => {
    const asAlice = await list(admin, { user_id: 'alice' });
    assert.equal(asAlice.status, 200);
    assert.ok(asAlice.body.list.length >= 2);
  });

  it('needs a token to list', async () => {
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/list`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/count`), 400, 'EmptyAccessToken');
  });

  it('counts the spaces of the library', async () => {
    const count = await call(server, 'GET', `/api/v1/space/${L()}/count${q(admin)}`);
    assert.equal(count.status, 200);
    assert.deepEqual(count.body, { total: ids.length });
  });
});
