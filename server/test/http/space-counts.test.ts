import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, assertSmhError, call, createLibrary, createSpace, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('space file counts with history and recycle bin (S7, S3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('counts history versions and bin items, and refuses to delete a space whose bin holds data', async () => {
    const library = await createLibrary(server, {
      IsMultiSpace: true,
      UseRecycleBin: true,
      EnableFileHistory: true,
      FileHistoryCount: 5,
      FileHistoryExpireDay: 0,
    });
    const admin = await adminToken(server, library);
    const space = await createSpace(server, library, admin);
    const L = library.libraryId;
    for (const content of ['v1', 'v2', 'v3']) {
      assert.equal((await uploadFile(server, library, admin, 'doc.txt', content, { space, strategy: 'overwrite' })).status, 200);
    }
    assert.equal((await uploadFile(server, library, admin, 'gone.txt', 'bin me', { space })).status, 200);
    assert.equal((await call(server, 'DELETE', `/api/v1/file/${L}/${space}/gone.txt${q(admin)}`)).status, 200);
    const counts = await call(server, 'GET', `/api/v1/space/${L}/${space}/file-count${q(admin)}`);
    assert.equal(counts.status, 200, JSON.stringify(counts.body));
    assert.deepEqual(counts.body, { fileNum: '4', dirNum: '0', recycledFileNum: '1', recycledDirNum: '0', historyFileNum: '2' });

    assert.equal((await call(server, 'DELETE', `/api/v1/file/${L}/${space}/doc.txt${q(admin, { permanent: '1' })}`)).status, 204);
    assertSmhError(await call(server, 'DELETE', `/api/v1/space/${L}/${space}${q(admin)}`), 409, 'SpaceNotEmpty');
    assert.equal((await call(server, 'DELETE', `/api/v1/space/${L}/${space}${q(admin, { force: '1' })}`)).status, 204);
  });
});
