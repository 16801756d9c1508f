import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertConsistentSpace } from '../helpers/consistency.js';
import { adminToken, confirmUpload, createLibrary, initiateUpload, type JsonResponse, type Library, makeDirectory, putToTarget } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const PARALLEL = 64;

/**
 * Issue 9: parallel confirms of distinct paths collided on the space's counters and some were
 * refused 409 PathConflict. Distinct names must all land, whatever the store.
 */
describe('uploads: 64 parallel confirms of distinct paths', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });

  /** Initiates and sends every file in parallel, then fires every confirm at once (the racy step). */
  async function uploadAll(paths: string[]): Promise<JsonResponse[]> {
    const keys = await Promise.all(
      paths.map(async (path, i) => {
        const init = await initiateUpload(server, library, token, path);
        assert.equal(init.status, 201, JSON.stringify(init.body));
        assert.equal((await putToTarget(init.body, `content of ${i}`)).status, 200);
        return init.body.confirmKey as string;
      }),
    );
    return Promise.all(keys.map((key) => confirmUpload(server, library, token, key)));
  }

  function assertAllLanded(results: JsonResponse[], paths: string[]): void {
    results.forEach((result, i) => assert.equal(result.status, 200, `${paths[i]}: ${result.status} ${JSON.stringify(result.body)}`));
    assert.deepEqual(results.map((result) => (result.body.path as string[]).join('/')), paths);
  }

  it('into one folder', async () => {
    await makeDirectory(server, library, token, 'one');
    const paths = Array.from({ length: PARALLEL }, (_, i) => `one/f${i}.txt`);
    assertAllLanded(await uploadAll(paths), paths);
    const entries = await assertConsistentSpace(server, library.libraryId, '-');
    assert.equal(entries.filter((entry) => entry.parent === 'one').length, PARALLEL);
  });

  it('into distinct folders', async () => {
    for (let i = 0; i < PARALLEL; i += 8) {
      await makeDirectory(server, library, token, `many/d${i}`);
    }
    const paths = Array.from({ length: PARALLEL }, (_, i) => `many/d${i - (i % 8)}/f${i}.txt`);
    assertAllLanded(await uploadAll(paths), paths);
    await assertConsistentSpace(server, library.libraryId, '-');
  });
});
