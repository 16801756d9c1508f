import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitForTask } from '../helpers/batch-client.js';
import { makeShare, shareToken } from '../helpers/share-client.js';
import { adminToken, call, createLibrary, download, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** A large share save becomes a task (202 {taskId}) whose job reads from the share when it runs. */
describe('share links: large saves run as tasks', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_COPY_SYNC_ENTRIES: '2' });
  });
  after(async () => {
    await server.close();
  });

  it('copies a shared tree across libraries in a task', async () => {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    await makeDirectory(server, library, admin, 'docs/sub');
    assert.equal((await uploadFile(server, library, admin, 'docs/a.txt', 'hello')).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'docs/sub/b.txt', 'bee')).status, 200);
    const share = await makeShare(server, library, admin, ['docs'], { canSaveToNetdisk: true });
    const token = await shareToken(server, share.code);
    const mine = await createLibrary(server);
    const me = await adminToken(server, mine);
    const submitted = await call(server, 'POST', `/api/v1/batch/${mine.libraryId}/-${q(me, { copy: '1', share_access_token: token })}`, {
      body: [{ copyFrom: 'docs', to: 'saved' }, { copyFrom: 'elsewhere', to: 'x' }],
    });
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    const task = await waitForTask(server, mine, me, submitted.body.taskId);
    assert.equal(task.status, 207, JSON.stringify(task));
    assert.deepEqual(task.result.map((item: any) => item.code ?? item.status), [204, 'FileNotInShare']);
    assert.equal((await download(server, mine, me, 'saved/sub/b.txt')).toString(), 'bee');
  });
});
