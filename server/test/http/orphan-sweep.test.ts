import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { OrphanBlobSweep } from '../../src/jobs/sweep-orphan-blobs.js';
import { adminToken, call, createLibrary, encodePath, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('orphan blob sweep', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('deletes bytes nothing references on the second pass, and keeps files and uploads in flight', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const stored = await uploadFile(server, library, token, 'kept.txt', 'kept bytes');
    assert.equal(stored.status, 200);
    // an upload whose bytes arrived but which is not confirmed yet
    const init = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/${encodePath('pending.txt')}${q(token)}`);
    const put = await fetch(`http://${init.body.domain}${init.body.path}`, { method: 'PUT', headers: init.body.headers, body: 'pending' });
    assert.equal(put.status, 200);
    // what a crash between writing bytes and committing their row leaves behind
    const orphan = randomUUID();
    await server.stores.blob.put(orphan, Readable.from([Buffer.from('orphan')]));

    const sweep = new OrphanBlobSweep(server.stores);
    assert.equal(await sweep.run(), 0, 'the first pass only marks');
    assert.ok(await server.stores.blob.stat(orphan));
    assert.equal(await sweep.run(), 1);
    assert.equal(await server.stores.blob.stat(orphan), null);

    const confirmed = await call(server, 'POST', `/api/v1/file/${library.libraryId}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    for (const path of ['kept.txt', 'pending.txt']) {
      const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/${path}${q(token)}`);
      assert.equal((await fetch(redirect.headers.get('location') as string)).status, 200, path);
    }
  });
});
