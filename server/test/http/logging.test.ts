import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { adminToken, call, createLibrary, download, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('request logs', () => {
  let server: TestServer;
  let log = '';
  before(async () => {
    const stream = new Writable({
      write(chunk, _encoding, next) {
        log += chunk.toString();
        next();
      },
    });
    server = await startServer({}, { logStream: stream });
  });
  after(async () => {
    await server.close();
  });

  it('never contain access tokens, library secrets or URL signatures', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assert.equal((await uploadFile(server, library, token, 'a.txt', 'logged?')).status, 200);
    await download(server, library, token, 'a.txt');
    await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/${q(token)}`);
    assert.match(log, /"url":"\/api\/v1\/directory\/[^"]*access_token=\[redacted\]/);
    for (const secret of [token, library.librarySecret]) {
      assert.ok(!log.includes(secret), 'a credential reached the log');
    }
    assert.ok(!/[?&]s=[A-Za-z0-9_-]{20,}/.test(log), 'a download signature reached the log');
  });
});
