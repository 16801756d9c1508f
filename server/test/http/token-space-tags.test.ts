import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, assertSmhError, call, createLibrary, createSpace, createToken, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('tokens limited by allow_space_tag (core.md T1)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('reach only spaces carrying one of the allowed tags', async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, library);
    const team = await createSpace(server, library, admin, { body: { spaceTag: 'team' } });
    const personal = await createSpace(server, library, admin, { body: { spaceTag: 'personal' } });
    const untagged = await createSpace(server, library, admin);
    const limited = await createToken(server, library, { grant: 'admin', allow_space_tag: 'team,group' });
    const list = (space: string) => call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}/${q(limited)}`);
    assert.equal((await list(team)).status, 200);
    assertSmhError(await list(personal), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await list(untagged), 403, 'AccessTokenNotMatchSpace');
    // an unrestricted admin token still reaches every space
    assert.equal((await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${personal}/${q(admin)}`)).status, 200);
  });

  it('refuses malformed tag lists', async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const query = new URLSearchParams({
      library_id: library.libraryId,
      library_secret: library.librarySecret,
      allow_space_tag: Array.from({ length: 21 }, (_, i) => `t${i}`).join(','),
    });
    assertSmhError(await call(server, 'GET', `/api/v1/token?${query}`), 400, 'ParamInvalid');
  });
});
