import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSmhError, call, createLibrary, createSpace, createToken, type Library, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** What a token may do (grants) and who it acts as (user_id, library_secret) — core.md §2.3, T1. */
describe('token identity', () => {
  let server: TestServer;
  let library: Library;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
  });
  after(async () => {
    await server.close();
  });

  const mkdir = (path: string, params: Record<string, string>) =>
    call(server, 'PUT', `/api/v1/directory/${library.libraryId}/-/${path}?${new URLSearchParams(params)}`);
  const creator = async (path: string) => {
    const token = await createToken(server, library);
    const info = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/${path}${q(token, { info: '' })}`);
    assert.equal(info.status, 200, JSON.stringify(info.body));
    return info.body.userId;
  };

  it('records the token user as creator', async () => {
    const token = await createToken(server, library, { grant: 'create_directory', user_id: 'alice' });
    assert.equal((await mkdir('by-alice', { access_token: token })).status, 201);
    assert.equal(await creator('by-alice'), 'alice');
  });

  it('lets a user-less admin token act as user_id', async () => {
    const token = await createToken(server, library, { grant: 'admin' });
    assert.equal((await mkdir('as-bob', { access_token: token, user_id: 'bob' })).status, 201);
    assert.equal(await creator('as-bob'), 'bob');
    assert.equal((await mkdir('as-nobody', { access_token: token })).status, 201);
    assert.equal(await creator('as-nobody'), '');
    assertSmhError(await mkdir('as-long', { access_token: token, user_id: 'u'.repeat(129) }), 400, 'UserIdLengthExceed');
  });

  it('ignores user_id for admin tokens that have a user and for non-admin tokens', async () => {
    const owned = await createToken(server, library, { grant: 'admin', user_id: 'carol' });
    assert.equal((await mkdir('owned', { access_token: owned, user_id: 'mallory' })).status, 201);
    assert.equal(await creator('owned'), 'carol');
    const plain = await createToken(server, library, { grant: 'create_directory' });
    assert.equal((await mkdir('plain', { access_token: plain, user_id: 'mallory' })).status, 201);
    assert.equal(await creator('plain'), '');
  });

  it('treats library_secret on business APIs as admin', async () => {
    const made = await mkdir('by-secret', { library_secret: library.librarySecret, user_id: 'dave' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(await creator('by-secret'), 'dave');
    assertSmhError(await mkdir('bad-secret', { library_secret: 'wrong' }), 404, 'WrongLibraryIdOrSecret');
    assertSmhError(await mkdir('long-user', { library_secret: library.librarySecret, user_id: 'u'.repeat(129) }), 400, 'UserIdLengthExceed');
    const other = await createLibrary(server);
    assertSmhError(await mkdir('foreign-secret', { library_secret: other.librarySecret }), 404, 'WrongLibraryIdOrSecret');
  });
});

describe('token grants', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;
  let space: string;
  let otherSpace: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { IsMultiSpace: true });
    admin = await createToken(server, library, { grant: 'admin' });
    space = await createSpace(server, library, admin);
    otherSpace = await createSpace(server, library, admin);
    assert.equal((await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/${space}/existing${q(admin)}`)).status, 201);
  });
  after(async () => {
    await server.close();
  });

  const L = () => library.libraryId;

  it('lets an empty-grant token read but not write', async () => {
    const token = await createToken(server, library, { space_id: space });
    assert.equal((await call(server, 'GET', `/api/v1/directory/${L()}/${space}${q(token)}`)).status, 200);
    assert.equal((await call(server, 'GET', `/api/v1/directory/${L()}/${space}/existing${q(token, { info: '' })}`)).status, 200);
    assert.equal((await call(server, 'GET', `/api/v1/space/${L()}/${space}/extension${q(token)}`)).status, 200);
    assert.equal((await call(server, 'GET', `/api/v1/space/${L()}/${space}/size${q(token)}`)).status, 200);
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${L()}/${space}/new${q(token)}`), 403, 'NoPermission');
    assertSmhError(await call(server, 'POST', `/api/v1/space/${L()}/${space}/extension${q(token)}`, { body: {} }), 403, 'NoPermission');
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/${space}/file-count${q(token)}`), 403, 'NoPermission');
    assertSmhError(await call(server, 'POST', `/api/v1/space/${L()}${q(token)}`), 403, 'NoPermission');
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${space}${q(token)}`), 403, 'NoPermission');
  });

  it('lets create_directory create directories, nothing more', async () => {
    const token = await createToken(server, library, { space_id: space, grant: 'create_directory' });
    assert.equal((await call(server, 'PUT', `/api/v1/directory/${L()}/${space}/by-grant${q(token)}`)).status, 201);
    assertSmhError(await call(server, 'DELETE', `/api/v1/directory/${L()}/${space}/by-grant${q(token)}`), 403, 'NoPermission');
  });

  it('lets space_admin do everything inside its space but create or delete spaces', async () => {
    const token = await createToken(server, library, { space_id: space, grant: 'space_admin' });
    assert.equal((await call(server, 'PUT', `/api/v1/directory/${L()}/${space}/sa${q(token)}`)).status, 201);
    assert.equal((await call(server, 'DELETE', `/api/v1/directory/${L()}/${space}/sa${q(token)}`)).status, 204);
    assert.equal((await call(server, 'GET', `/api/v1/space/${L()}/${space}/file-count${q(token)}`)).status, 200);
    assert.equal((await call(server, 'POST', `/api/v1/space/${L()}/${space}/extension${q(token)}`, { body: {} })).status, 204);
    assertSmhError(await call(server, 'POST', `/api/v1/space/${L()}${q(token)}`), 403, 'NoPermission');
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${space}${q(token)}`), 403, 'NoPermission');
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${L()}/${otherSpace}/sa${q(token)}`), 403, 'AccessTokenNotMatchSpace');
  });

  it('lets create_space and delete_space tokens manage spaces without a space_id', async () => {
    const creator = await createToken(server, library, { grant: 'create_space', user_id: 'ops' });
    const made = await call(server, 'POST', `/api/v1/space/${L()}${q(creator)}`);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const remover = await createToken(server, library, { grant: 'delete_space' });
    const removed = await call(server, 'DELETE', `/api/v1/space/${L()}/${made.body.spaceId}${q(remover)}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
  });

  it('keeps a delete_space token bound to its spaces when it names some', async () => {
    const victim = await createSpace(server, library, admin);
    const remover = await createToken(server, library, { grant: 'delete_space', space_id: space });
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L()}/${victim}${q(remover)}`), 403, 'AccessTokenNotMatchSpace');
  });
});
