import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, call, createLibrary, download, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('walkthrough: library → token → upload → list → download', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('round-trips a file with SMH headers', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const made = await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/-/docs${q(token)}`);
    assert.equal(made.status, 201);
    const confirmed = await uploadFile(server, library, token, 'docs/check.txt', '123456789');
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.crc64, '11051210869376104954');
    assert.deepEqual(confirmed.body.path, ['docs', 'check.txt']);
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/docs${q(token)}`);
    assert.equal(listing.status, 200);
    assert.deepEqual(listing.body.contents.map((item: { name: string }) => item.name), ['check.txt']);
    const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/docs/check.txt${q(token)}`);
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('x-smh-size'), '9');
    assert.equal(redirect.headers.get('x-smh-crc64'), '11051210869376104954');
    assert.equal(redirect.headers.get('x-smh-type'), 'file');
    assert.equal((await download(server, library, token, 'docs/check.txt')).toString(), '123456789');
  });
});
