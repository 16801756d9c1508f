import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSmhError, call, createLibrary } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('token creation rate limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_TOKEN_RATE_LIMIT: '3' });
  });
  after(async () => {
    await server.close();
  });

  it('answers 429 RateLimitExceeded past the per-library limit, per library', async () => {
    const first = await createLibrary(server);
    const second = await createLibrary(server);
    const mint = (library: { libraryId: string; librarySecret: string }) =>
      call(server, 'GET', `/api/v1/token?library_id=${library.libraryId}&library_secret=${library.librarySecret}`);
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await mint(first)).status, 200);
    }
    assertSmhError(await mint(first), 429, 'RateLimitExceeded');
    assert.equal((await mint(second)).status, 200);
  });
});
