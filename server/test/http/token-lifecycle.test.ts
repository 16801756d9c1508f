import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSmhError, call, createLibrary, createToken, type Library, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Using, expiring, renewing and revoking tokens (core.md §2.3, T2–T4). */
describe('token use and lifecycle', () => {
  let server: TestServer;
  let library: Library;
  let other: Library;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    other = await createLibrary(server);
  });
  after(async () => {
    await server.close();
  });

  const root = (token: string, lib = library) => call(server, 'GET', `/api/v1/directory/${lib.libraryId}/-${q(token)}`);
  const withBearer = (token: string) =>
    call(server, 'GET', `/api/v1/directory/${library.libraryId}/-`, { headers: { authorization: `Bearer ${token}` } });
  const renew = (token: string, lib = library) => call(server, 'POST', `/api/v1/token/${lib.libraryId}/${token}`);
  const revoke = (token: string, lib = library) => call(server, 'DELETE', `/api/v1/token/${lib.libraryId}/${token}`);

  it('rejects a token of another library', async () => {
    const token = await createToken(server, library);
    assert.equal((await root(token)).status, 200);
    assertSmhError(await root(token, other), 403, 'InvalidAccessToken');
    assertSmhError(await renew(token, other), 403, 'InvalidAccessToken');
    assertSmhError(await revoke(token, other), 403, 'InvalidAccessToken');
    assert.equal((await root(token)).status, 200);
  });

  it('rejects unknown tokens and reports an empty one', async () => {
    assertSmhError(await root('acctkunknown'), 403, 'InvalidAccessToken');
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-?access_token=`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/-/x`), 400, 'EmptyAccessToken');
  });

  it('lets token-less callers read a public-read library, and only read', async () => {
    const open = await createLibrary(server, { IsPublicRead: true });
    assert.equal((await call(server, 'GET', `/api/v1/directory/${open.libraryId}/-`)).status, 200);
    assert.equal((await call(server, 'GET', `/api/v1/space/${open.libraryId}/-/extension`)).status, 200);
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${open.libraryId}/-/x`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'GET', `/api/v1/space/${open.libraryId}/-/file-count`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${open.libraryId}/-${q('acctkbogus')}`), 403, 'InvalidAccessToken');
  });

  it('reports an unknown library before looking at the token', async () => {
    const token = await createToken(server, library);
    assertSmhError(await call(server, 'GET', `/api/v1/directory/smhnosuchlibrary/-${q(token)}`), 404, 'LibraryNotFound');
  });

  it('accepts Authorization: Bearer like access_token; the query wins', async () => {
    const token = await createToken(server, library);
    assert.equal((await withBearer(token)).status, 200);
    assertSmhError(await withBearer('acctkbogus'), 403, 'InvalidAccessToken');
    const both = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q('acctkbogus')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assertSmhError(both, 403, 'InvalidAccessToken');
  });

  it('expires after its period and slides with use', async () => {
    const token = await createToken(server, library, { period: '3600' });
    server.clock.advance(3000_000);
    assert.equal((await root(token)).status, 200, 'used within the period');
    server.clock.advance(3000_000);
    assert.equal((await root(token)).status, 200, 'the use above extended the expiry');
    server.clock.advance(3601_000);
    assertSmhError(await root(token), 403, 'InvalidAccessToken');
    assertSmhError(await withBearer(token), 403, 'InvalidAccessToken');
  });

  it('expires at the end of an unused period', async () => {
    const token = await createToken(server, library, { period: '1200' });
    server.clock.advance(1100_000);
    assert.equal((await root(token)).status, 200);
    const fresh = await createToken(server, library, { period: '1200' });
    server.clock.advance(1200_000);
    assertSmhError(await root(fresh), 403, 'InvalidAccessToken');
  });

  it('renews (T2) with the creation period', async () => {
    const token = await createToken(server, library, { period: '2000' });
    server.clock.advance(1500_000);
    const renewed = await renew(token);
    assert.equal(renewed.status, 200);
    assert.deepEqual(renewed.body, { accessToken: token, expiresIn: 2000 });
    server.clock.advance(1500_000);
    assert.equal((await root(token)).status, 200);
    server.clock.advance(2001_000);
    assertSmhError(await renew(token), 403, 'InvalidAccessToken');
    assertSmhError(await renew('acctknothing'), 403, 'InvalidAccessToken');
  });

  it('deletes one token (T3)', async () => {
    const token = await createToken(server, library);
    const keep = await createToken(server, library);
    const deleted = await revoke(token);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, undefined);
    assertSmhError(await root(token), 403, 'InvalidAccessToken');
    assertSmhError(await revoke(token), 403, 'InvalidAccessToken');
    assert.equal((await root(keep)).status, 200);
  });
});

describe('deleting tokens by user (T4)', () => {
  let server: TestServer;
  let library: Library;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
  });
  after(async () => {
    await server.close();
  });

  const alive = async (token: string) => (await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q(token)}`)).status === 200;
  const deleteBy = (params: Record<string, string>, secret = library.librarySecret) =>
    call(server, 'DELETE', `/api/v1/token/${library.libraryId}?${new URLSearchParams({ library_secret: secret, ...params })}`);
  const mint = (params: Record<string, string>) => createToken(server, library, params);

  it('needs the library secret', async () => {
    assertSmhError(await call(server, 'DELETE', `/api/v1/token/${library.libraryId}?user_id=a`), 400, 'EmptyLibrarySecret');
    assertSmhError(await deleteBy({ user_id: 'a' }, 'wrong'), 404, 'WrongLibraryIdOrSecret');
    assertSmhError(await call(server, 'DELETE', `/api/v1/token/smhnosuchlibrary?library_secret=x`), 404, 'LibraryNotFound');
  });

  it('deletes all tokens of the given users', async () => {
    const a1 = await mint({ user_id: 'alice', client_id: 'phone' });
    const a2 = await mint({ user_id: 'alice', client_id: 'laptop' });
    const b1 = await mint({ user_id: 'bob' });
    const c1 = await mint({ user_id: 'carol' });
    const anon = await mint({});
    const response = await deleteBy({ user_id: 'alice,bob' });
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
    assert.deepEqual(await Promise.all([a1, a2, b1, c1, anon].map(alive)), [false, false, false, true, true]);
  });

  it('narrows by client_id and session_id (intersection)', async () => {
    const phone = await mint({ user_id: 'dave', client_id: 'phone', session_id: 's1' });
    const phone2 = await mint({ user_id: 'dave', client_id: 'phone', session_id: 's2' });
    const laptop = await mint({ user_id: 'dave', client_id: 'laptop', session_id: 's1' });
    const noClient = await mint({ user_id: 'dave' });
    assert.equal((await deleteBy({ user_id: 'dave', client_id: 'phone', session_id: 's1' })).status, 204);
    assert.deepEqual(await Promise.all([phone, phone2, laptop, noClient].map(alive)), [false, true, true, true]);
    assert.equal((await deleteBy({ user_id: 'dave', session_id: 's1' })).status, 204);
    assert.deepEqual(await Promise.all([phone2, laptop, noClient].map(alive)), [true, false, true]);
    assert.equal((await deleteBy({ user_id: 'dave', client_id: 'phone,tablet' })).status, 204);
    assert.deepEqual(await Promise.all([phone2, noClient].map(alive)), [false, true]);
  });

  it('with an empty client_id deletes only client-less tokens of the user', async () => {
    const withClient = await mint({ user_id: 'erin', client_id: 'phone' });
    const without = await mint({ user_id: 'erin' });
    assert.equal((await deleteBy({ user_id: 'erin', client_id: '' })).status, 204);
    assert.deepEqual(await Promise.all([withClient, without].map(alive)), [true, false]);
  });

  it('with an empty or missing user_id deletes only user-less tokens', async () => {
    const anon = await mint({});
    const anon2 = await mint({ grant: 'admin' });
    const frank = await mint({ user_id: 'frank' });
    assert.equal((await deleteBy({ user_id: '' })).status, 204);
    assert.deepEqual(await Promise.all([anon, anon2, frank].map(alive)), [false, false, true]);
    const anon3 = await mint({});
    assert.equal((await deleteBy({})).status, 204);
    assert.deepEqual(await Promise.all([anon3, frank].map(alive)), [false, true]);
  });

  it('does not touch tokens of other libraries', async () => {
    const other = await createLibrary(server);
    const foreign = await createToken(server, other, { user_id: 'gina' });
    await mint({ user_id: 'gina' });
    assert.equal((await deleteBy({ user_id: 'gina' })).status, 204);
    assert.equal((await call(server, 'GET', `/api/v1/directory/${other.libraryId}/-${q(foreign)}`)).status, 200);
  });

  it('caps client and session id lists at 100', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `c${i}`).join(',');
    assertSmhError(await deleteBy({ user_id: 'x', client_id: ids }), 400, 'TooManyItems');
  });
});
