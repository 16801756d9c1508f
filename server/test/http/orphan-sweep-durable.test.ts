import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { OrphanBlobSweep } from '../../src/jobs/sweep-orphan-blobs.js';
import { adminToken, createLibrary, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const MINUTE = 60_000;

/** Issue 10 item 7: the sweep's candidates live in the database, so a restart keeps their clock. */
describe('orphan sweep candidates survive restarts', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const sweep = () => new OrphanBlobSweep({ ...server.stores, clock: server.clock, graceMs: 30 * MINUTE });

  it('deletes an orphan once its grace period has passed, counted across sweep instances (restarts)', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assert.equal((await uploadFile(server, library, token, 'kept.txt', 'kept')).status, 200);
    const orphan = randomUUID();
    await server.stores.blob.put(orphan, Readable.from([Buffer.from('orphan')]));

    assert.equal(await sweep().run(), 0, 'first pass: only recorded');
    assert.equal(await server.stores.meta.orphans.count(), 1);
    server.clock.advance(20 * MINUTE);
    // a new instance, as after a restart: nothing in memory, the first sighting is in the database
    assert.equal(await sweep().run(), 0, 'still inside the grace period');
    server.clock.advance(11 * MINUTE);
    assert.equal(await sweep().run(), 1, 'grace period over: deleted');
    assert.equal(await server.stores.blob.stat(orphan), null);
    assert.equal(await server.stores.meta.orphans.count(), 0, 'the candidate row goes with the blob');
  });

  it('forgets a candidate that became referenced or vanished, and never deletes referenced bytes', async () => {
    const vanished = randomUUID();
    await server.stores.blob.put(vanished, Readable.from([Buffer.from('x')]));
    assert.equal(await sweep().run(), 0);
    assert.equal(await server.stores.meta.orphans.count(), 1);
    await server.stores.blob.delete(vanished);
    server.clock.advance(60 * MINUTE);
    assert.equal(await sweep().run(), 0);
    assert.equal(await server.stores.meta.orphans.count(), 0);
    // every stored file's bytes are still there after many passes
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assert.equal((await uploadFile(server, library, token, 'a.txt', 'a')).status, 200);
    for (let i = 0; i < 3; i += 1) {
      server.clock.advance(60 * MINUTE);
      assert.equal(await sweep().run(), 0);
    }
  });
});
