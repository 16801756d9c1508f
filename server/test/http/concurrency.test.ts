import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertConsistentSpace } from '../helpers/consistency.js';
import { adminToken, call, createLibrary, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Races between operations on the same tree; the tree must stay consistent whoever wins. */
describe('concurrent operations on one tree', () => {
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

  const dir = (path: string) => `/api/v1/directory/${library.libraryId}/-/${path}${q(token)}`;

  it('a directory delete racing a move of the same directory leaves one consistent outcome', async () => {
    for (let round = 0; round < 8; round += 1) {
      const source = `race${round}`;
      assert.equal((await call(server, 'PUT', dir(`${source}/inner`))).status, 201);
      await Promise.all([0, 1, 2].map((i) => uploadFile(server, library, token, `${source}/inner/f${i}.txt`, `content ${round} ${i}`)));
      const [deleted, moved] = await Promise.all([
        call(server, 'DELETE', dir(source)),
        call(server, 'PUT', dir(`moved${round}`), { body: { from: source } }),
      ]);
      assert.ok([204, 404].includes(deleted.status), `delete answered ${deleted.status} ${JSON.stringify(deleted.body)}`);
      assert.ok([204, 404].includes(moved.status), `move answered ${moved.status} ${JSON.stringify(moved.body)}`);
      const entries = await assertConsistentSpace(server, library.libraryId, '-');
      const names = entries.map((entry) => entry.path);
      assert.ok(!names.some((path) => path.startsWith(`${source}/`) || path === source), 'source survived');
      const movedFiles = names.filter((path) => path.startsWith(`moved${round}/inner/`));
      // either the move won (all three files moved, then possibly deleted nothing) or the delete won
      assert.ok(movedFiles.length === 0 || movedFiles.length === 3, `half-moved: ${movedFiles.join(', ')}`);
      assert.equal(movedFiles.length === 3, moved.status === 204 && deleted.status === 404);
    }
  });

  it('parallel uploads to one name under rename all land, under distinct names', async () => {
    assert.equal((await call(server, 'PUT', dir('same'))).status, 201);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => uploadFile(server, library, token, 'same/photo.jpg', `version ${i}`)));
    const paths = results.map((result) => {
      assert.equal(result.status, 200, JSON.stringify(result.body));
      return (result.body.path as string[]).join('/');
    });
    assert.equal(new Set(paths).size, 8);
    await assertConsistentSpace(server, library.libraryId, '-');
  });

  it('a file copy racing the delete of its source never references freed bytes', async () => {
    for (let round = 0; round < 8; round += 1) {
      const name = `copy-src-${round}.bin`;
      assert.equal((await uploadFile(server, library, token, name, `bytes ${round}`)).status, 200);
      await Promise.all([
        call(server, 'DELETE', `/api/v1/file/${library.libraryId}/-/${name}${q(token)}`),
        call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/copied-${round}.bin${q(token)}`, { body: { copyFrom: name } }),
      ]);
      await assertConsistentSpace(server, library.libraryId, '-');
    }
  });
});
