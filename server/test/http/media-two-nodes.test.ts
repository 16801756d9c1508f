import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_TOOLS } from '../../src/media/tools.js';
import { SYSTEM_CLOCK } from '../../src/services/deps.js';
import { RenditionService } from '../../src/services/rendition.service.js';
import { blobKeyOf } from '../helpers/entry-client.js';
import { solid } from '../helpers/media-client.js';
import { adminToken, createLibrary, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/**
 * Two API nodes share the database and the bucket but not their in-process single-flight: the
 * renditions table's primary key keeps one copy and the other node deletes its own.
 */
describe('renditions across nodes', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('keeps one rendition when two nodes render the same one at once', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const bytes = await solid(400, 300, { r: 1, g: 100, b: 200 }).jpeg().toBuffer();
    assert.equal((await uploadFile(server, library, token, 'shared.jpg', bytes)).status, 200);
    const blobKey = await blobKeyOf(server, library, token, 'shared.jpg');
    const source = { blobKey, name: 'shared.jpg', contentType: 'image/jpeg', size: bytes.length };
    let rendered = 0;
    // Both nodes store their copy before either records it: the race the primary key settles.
    let puts = 0;
    let release: () => void = () => undefined;
    const bothStored = new Promise<void>((resolve) => (release = resolve));
    const store = server.stores.blob;
    const racingBlob = Object.assign(Object.create(store) as typeof store, {
      async put(...args: Parameters<typeof store.put>) {
        const result = await store.put(...args);
        puts += 1;
        if (puts === 2) {
          release();
        }
        await bothStored;
        return result;
      },
    });
    const node = () =>
      new RenditionService({
        meta: server.stores.meta,
        blob: racingBlob,
        clock: SYSTEM_CLOCK,
        tools: NO_TOOLS,
        limits: { concurrency: 2, timeoutMs: 30_000, maxPixels: 100_000_000 },
        onRendered: () => (rendered += 1),
      });
    const spec = { resize: { mode: 'square', size: 99 } as const, frame: 0, docAs: 'html' as const };
    const before = await countBlobs(server);
    const [a, b] = await Promise.all([node().preview(source, spec), node().preview(source, spec)]);
    assert.ok(a && b);
    assert.equal(a.blobKey, b.blobKey);
    assert.equal(rendered, 2, 'each node rendered its own copy');
    assert.equal(await countBlobs(server), before + 1, 'only the kept copy remains');
    assert.equal((await server.stores.meta.renditions.get(blobKey, 'thumb:s99'))?.blobKey, a.blobKey);
  });
});

async function countBlobs(server: TestServer): Promise<number> {
  let count = 0;
  for await (const _key of server.stores.blob.listKeys()) {
    count += 1;
  }
  return count;
}
