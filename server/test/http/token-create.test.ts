import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertSmhError,
  call,
  createLibrary,
  createSpace,
  createToken,
  type Library,
  q,
  tokenRequest,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** T1: minting tokens, their period and grants, and the credential errors (core.md §3). */
describe('token creation (T1)', () => {
  let server: TestServer;
  let library: Library;
  const creds = () => ({ library_id: library.libraryId, library_secret: library.librarySecret });

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
  });
  after(async () => {
    await server.close();
  });

  it('creates a token by GET and by POST', async () => {
    const byGet = await tokenRequest(server, creds());
    assert.equal(byGet.status, 200);
    assert.match(byGet.body.accessToken, /^acctk/);
    assert.equal(byGet.body.expiresIn, 86400);
    assert.deepEqual(Object.keys(byGet.body).sort(), ['accessToken', 'expiresIn']);

    const byPost = await tokenRequest(server, { ...creds(), grant: 'admin' }, 'POST');
    assert.equal(byPost.status, 200);
    assert.notEqual(byPost.body.accessToken, byGet.body.accessToken);
    const root = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q(byPost.body.accessToken)}`);
    assert.equal(root.status, 200);
  });

  it('accepts a POST with a JSON body (share-token extension attributes)', async () => {
    const response = await call(server, 'POST', `/api/v1/token?${new URLSearchParams(creds())}`, {
      body: { shareDirectoryIdList: [1], shareAuthority: { canDownload: false } },
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  });

  it('applies the period rules: default, minimum 1200, invalid → default', async () => {
    const cases: [string, number][] = [
      ['3600', 3600],
      ['1200', 1200],
      ['60', 1200],
      ['1', 1200],
      ['0', 86400],
      ['-5', 86400],
      ['abc', 86400],
      ['', 86400],
      ['7200.9', 7200],
      ['1e20', 2147483647],
      ['Infinity', 86400],
    ];
    for (const [period, expected] of cases) {
      const response = await tokenRequest(server, { ...creds(), period });
      assert.equal(response.status, 200);
      assert.equal(response.body.expiresIn, expected, `period=${period}`);
    }
  });

  it('parses grants and rejects unknown ones', async () => {
    const ok = await tokenRequest(server, { ...creds(), grant: 'create_directory, upload_file,delete_file' });
    assert.equal(ok.status, 200);
    assertSmhError(await tokenRequest(server, { ...creds(), grant: 'admin,superuser' }), 400, 'ParamInvalid');
    assertSmhError(await tokenRequest(server, { ...creds(), grant: 'ADMIN' }), 400, 'ParamInvalid');
  });

  it('limits user_id and client_id length', async () => {
    assert.equal((await tokenRequest(server, { ...creds(), user_id: 'u'.repeat(128) })).status, 200);
    assertSmhError(await tokenRequest(server, { ...creds(), user_id: 'u'.repeat(129) }), 400, 'UserIdLengthExceed');
    assertSmhError(await tokenRequest(server, { ...creds(), client_id: 'c'.repeat(129) }), 400, 'ClientIdLengthExceed');
  });

  it('reports missing library id or secret', async () => {
    assertSmhError(await tokenRequest(server, {}), 400, 'EmptyLibraryIdOrSecret');
    assertSmhError(await tokenRequest(server, { library_id: '', library_secret: '' }), 400, 'EmptyLibraryIdOrSecret');
    assertSmhError(await tokenRequest(server, { library_secret: library.librarySecret }), 400, 'EmptyLibraryId');
    assertSmhError(await tokenRequest(server, { library_id: library.libraryId }), 400, 'EmptyLibrarySecret');
    assertSmhError(await tokenRequest(server, {}, 'POST'), 400, 'EmptyLibraryIdOrSecret');
  });

  it('rejects a wrong secret and an unknown library', async () => {
    assertSmhError(await tokenRequest(server, { library_id: library.libraryId, library_secret: 'nope' }), 404, 'WrongLibraryIdOrSecret');
    assertSmhError(await tokenRequest(server, { library_id: 'smhdoesnotexist1', library_secret: 'x' }), 404, 'LibraryNotFound');
    const other = await createLibrary(server);
    assertSmhError(
      await tokenRequest(server, { library_id: library.libraryId, library_secret: other.librarySecret }),
      404,
      'WrongLibraryIdOrSecret',
    );
  });
});

describe('token space binding in a multi-tenant library', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;
  let spaceA: string;
  let spaceB: string;
  const creds = () => ({ library_id: library.libraryId, library_secret: library.librarySecret });

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { IsMultiSpace: true });
    admin = await createToken(server, library, { grant: 'admin' });
    spaceA = await createSpace(server, library, admin);
    spaceB = await createSpace(server, library, admin);
  });
  after(async () => {
    await server.close();
  });

  const listRoot = (space: string, token: string) => call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}${q(token)}`);

  it('rejects an unknown space at creation', async () => {
    assertSmhError(await tokenRequest(server, { ...creds(), space_id: 'nosuchspace' }), 404, 'SpaceNotFound');
    assertSmhError(await tokenRequest(server, { ...creds(), space_id: `${spaceA},nosuchspace` }), 404, 'SpaceNotFound');
  });

  it('binds a token to its spaces', async () => {
    const token = await createToken(server, library, { space_id: spaceA });
    assert.equal((await listRoot(spaceA, token)).status, 200);
    assertSmhError(await listRoot(spaceB, token), 403, 'AccessTokenNotMatchSpace');
    const both = await createToken(server, library, { space_id: `${spaceA},${spaceB}` });
    assert.equal((await listRoot(spaceA, both)).status, 200);
    assert.equal((await listRoot(spaceB, both)).status, 200);
  });

  it('binds an admin token too when it names spaces', async () => {
    const token = await createToken(server, library, { grant: 'admin', space_id: spaceA });
    assert.equal((await listRoot(spaceA, token)).status, 200);
    assertSmhError(await listRoot(spaceB, token), 403, 'AccessTokenNotMatchSpace');
    assert.equal((await listRoot(spaceB, admin)).status, 200);
  });

  it('gives a non-admin token without space_id no space', async () => {
    const token = await createToken(server, library, { grant: 'space_admin' });
    assertSmhError(await listRoot(spaceA, token), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await listRoot(spaceB, token), 403, 'AccessTokenNotMatchSpace');
  });

  it('has no "-" space in a multi-tenant library', async () => {
    assertSmhError(await listRoot('-', admin), 404, 'SpaceNotFound');
  });
});
