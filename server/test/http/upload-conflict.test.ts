import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertSmhError,
  call,
  confirmUpload,
  createToken,
  download,
  fileUrl,
  initiateUpload,
  type Library,
  libraryWithDirectory,
  makeDirectory,
  putToTarget,
  uploadFile,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('upload conflict strategies (files.md §5)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function setup(): Promise<{ library: Library; token: string }> {
    const { library, token } = await libraryWithDirectory(server, 'd');
    const first = await uploadFile(server, library, token, 'd/report.txt', 'original');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    return { library, token };
  }

  async function names(library: Library, token: string): Promise<string[]> {
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/d?access_token=${token}`);
    assert.equal(listing.status, 200, JSON.stringify(listing.body));
    return listing.body.contents.map((item: { name: string }) => item.name).sort();
  }

  it('ask at initiate: 409 SameNameDirectoryOrFileExists', async () => {
    const { library, token } = await setup();
    for (const kind of ['simple', 'multipart', 'form'] as const) {
      assertSmhError(await initiateUpload(server, library, token, 'd/report.txt', { kind, strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    }
  });

  it('ask at confirm: 409 when the name got taken after initiate, and the task stays confirmable', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'd/new.txt', { strategy: 'ask' });
    assert.equal(init.status, 201);
    assert.equal((await putToTarget(init.body, 'mine')).status, 200);
    assert.equal((await uploadFile(server, library, token, 'd/new.txt', 'someone else')).status, 200);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 409, 'SameNameDirectoryOrFileExists');
    const renamed = await confirmUpload(server, library, token, init.body.confirmKey, { strategy: 'rename' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(renamed.body.path, ['d', 'new (1).txt']);
  });

  it('ask at confirm also applies to a multipart task', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'd/report.txt', { kind: 'multipart', strategy: 'rename' });
    assert.equal((await putToTarget(init.body, 'part', 1)).status, 200);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey, { strategy: 'ask' }), 409, 'SameNameDirectoryOrFileExists');
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(confirmed.body.path, ['d', 'report (1).txt']);
  });

  it('rename (the default): "name (1).ext", then "name (2).ext"', async () => {
    const { library, token } = await setup();
    const one = await uploadFile(server, library, token, 'd/report.txt', 'one');
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual(one.body.path, ['d', 'report (1).txt']);
    assert.equal(one.body.name, 'report (1).txt');
    assert.equal(one.body.isOverwritten, false);
    const two = await uploadFile(server, library, token, 'd/report.txt', 'two', { strategy: 'rename' });
    assert.deepEqual(two.body.path, ['d', 'report (2).txt']);
    assert.deepEqual(await names(library, token), ['report (1).txt', 'report (2).txt', 'report.txt']);
    assert.equal((await download(server, library, token, 'd/report.txt')).toString(), 'original');
  });

  it('rename resolves at confirm, so two tasks for one name both land', async () => {
    const { library, token } = await setup();
    const a = await initiateUpload(server, library, token, 'd/same.txt');
    const b = await initiateUpload(server, library, token, 'd/same.txt');
    assert.equal((await putToTarget(a.body, 'a')).status, 200);
    assert.equal((await putToTarget(b.body, 'b')).status, 200);
    const [ca, cb] = await Promise.all([confirmUpload(server, library, token, a.body.confirmKey), confirmUpload(server, library, token, b.body.confirmKey)]);
    assert.equal(ca.status, 200, JSON.stringify(ca.body));
    assert.equal(cb.status, 200, JSON.stringify(cb.body));
    assert.deepEqual([ca.body.name, cb.body.name].sort(), ['same (1).txt', 'same.txt']);
  });

  it('rename onto a directory name picks a free name', async () => {
    const { library, token } = await setup();
    await makeDirectory(server, library, token, 'd/photos');
    const renamed = await uploadFile(server, library, token, 'd/photos', 'not a dir', { strategy: 'rename' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(renamed.body.path, ['d', 'photos (1)']);
  });

  it('overwrite: isOverwritten true and the content replaced', async () => {
    const { library, token } = await setup();
    const before = await call(server, 'GET', fileUrl(library, token, 'd/report.txt', { info: '' }));
    const replaced = await uploadFile(server, library, token, 'd/report.txt', 'replacement', { strategy: 'overwrite' });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.isOverwritten, true);
    assert.deepEqual(replaced.body.path, ['d', 'report.txt']);
    assert.equal(replaced.body.size, '11');
    assert.equal((await download(server, library, token, 'd/report.txt')).toString(), 'replacement');
    assert.deepEqual(await names(library, token), ['report.txt']);
    assert.equal(before.status, 200);
  });

  it('overwrite given at confirm replaces a file the initiate did not see', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'd/late.txt');
    assert.equal((await putToTarget(init.body, 'mine')).status, 200);
    assert.equal((await uploadFile(server, library, token, 'd/late.txt', 'theirs')).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { strategy: 'overwrite' });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.isOverwritten, true);
    assert.equal((await download(server, library, token, 'd/late.txt')).toString(), 'mine');
  });

  it('upload status reports force for an overwrite task', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'd/report.txt', { kind: 'multipart', strategy: 'overwrite' });
    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.equal(status.body.force, true);
    assert.equal(status.body.conflictResolutionStrategy, 'overwrite');
  });

  it('overwrite onto a directory: 409 at initiate and at confirm', async () => {
    const { library, token } = await setup();
    await makeDirectory(server, library, token, 'd/folder');
    assertSmhError(await initiateUpload(server, library, token, 'd/folder', { strategy: 'overwrite' }), 409, 'SameNameDirectoryOrFileExists');
    const init = await initiateUpload(server, library, token, 'd/later');
    assert.equal((await putToTarget(init.body, 'x')).status, 200);
    await makeDirectory(server, library, token, 'd/later');
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey, { strategy: 'overwrite' }), 409, 'SameNameDirectoryOrFileExists');
  });

  it('refuses an unknown strategy', async () => {
    const { library, token } = await setup();
    assertSmhError(await initiateUpload(server, library, token, 'd/x.txt', { strategy: 'clobber' }), 400, 'InvalidConflictResolutionStrategy');
  });
});

describe('upload grants (files.md §1.7, §6.1, §6.8)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function setup(): Promise<{ library: Library; admin: string }> {
    const { library, token: admin } = await libraryWithDirectory(server, 'g');
    assert.equal((await uploadFile(server, library, admin, 'g/existing.txt', 'old')).status, 200);
    return { library, admin };
  }

  it('a token without grants cannot initiate, confirm, renew, list or cancel', async () => {
    const { library, admin } = await setup();
    const none = await createToken(server, library);
    assertSmhError(await initiateUpload(server, library, none, 'g/a.txt'), 403, 'NoPermission');
    assertSmhError(await initiateUpload(server, library, none, 'g/a.txt', { kind: 'multipart' }), 403, 'NoPermission');
    assertSmhError(await initiateUpload(server, library, none, 'g/a.txt', { kind: 'form' }), 403, 'NoPermission');
    const init = await initiateUpload(server, library, admin, 'g/a.txt', { kind: 'multipart' });
    assert.equal((await putToTarget(init.body, 'x', 1)).status, 200);
    assertSmhError(await confirmUpload(server, library, none, init.body.confirmKey), 403, 'NoPermission');
    assertSmhError(await call(server, 'POST', fileUrl(library, none, init.body.confirmKey, { renew: '' })), 403, 'NoPermission');
    assertSmhError(await call(server, 'GET', fileUrl(library, none, init.body.confirmKey, { upload: '' })), 403, 'NoPermission');
    assertSmhError(await call(server, 'DELETE', fileUrl(library, none, init.body.confirmKey, { upload: '' })), 403, 'NoPermission');
    assert.equal((await confirmUpload(server, library, admin, init.body.confirmKey)).status, 200);
  });

  it('upload_file uploads but cannot overwrite; upload_file_force can', async () => {
    const { library } = await setup();
    const plain = await createToken(server, library, { grant: 'upload_file' });
    const force = await createToken(server, library, { grant: 'upload_file_force' });
    const renamed = await uploadFile(server, library, plain, 'g/existing.txt', 'new');
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(renamed.body.path, ['g', 'existing (1).txt']);
    assertSmhError(await initiateUpload(server, library, plain, 'g/existing.txt', { strategy: 'overwrite' }), 403, 'NoPermission');

    // Nor can it escalate at confirm.
    const init = await initiateUpload(server, library, plain, 'g/existing.txt');
    assert.equal((await putToTarget(init.body, 'sneaky')).status, 200);
    assertSmhError(await confirmUpload(server, library, plain, init.body.confirmKey, { strategy: 'overwrite' }), 403, 'NoPermission');

    const overwritten = await uploadFile(server, library, force, 'g/existing.txt', 'forced', { strategy: 'overwrite' });
    assert.equal(overwritten.status, 200, JSON.stringify(overwritten.body));
    assert.equal(overwritten.body.isOverwritten, true);
    assert.equal((await download(server, library, force, 'g/existing.txt')).toString(), 'forced');
  });

  it('confirm_upload alone may confirm a task but not start one or turn it into an overwrite', async () => {
    const { library, admin } = await setup();
    const confirmOnly = await createToken(server, library, { grant: 'confirm_upload' });
    assertSmhError(await initiateUpload(server, library, confirmOnly, 'g/c.txt'), 403, 'NoPermission');
    const init = await initiateUpload(server, library, admin, 'g/existing.txt');
    assert.equal((await putToTarget(init.body, 'c')).status, 200);
    assertSmhError(await confirmUpload(server, library, confirmOnly, init.body.confirmKey, { strategy: 'overwrite' }), 403, 'NoPermission');
    const confirmed = await confirmUpload(server, library, confirmOnly, init.body.confirmKey);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(confirmed.body.path, ['g', 'existing (1).txt']);
  });

  it('another user cannot confirm or cancel my task', async () => {
    const { library } = await setup();
    const alice = await createToken(server, library, { grant: 'upload_file', user_id: 'alice' });
    const bob = await createToken(server, library, { grant: 'upload_file', user_id: 'bob' });
    const init = await initiateUpload(server, library, alice, 'g/alice.txt');
    assert.equal((await putToTarget(init.body, 'a')).status, 200);
    assertSmhError(await confirmUpload(server, library, bob, init.body.confirmKey), 403, 'UploadNotBelongYou');
    assertSmhError(await call(server, 'DELETE', fileUrl(library, bob, init.body.confirmKey, { upload: '' })), 403, 'UploadNotBelongYou');
    assert.equal((await confirmUpload(server, library, alice, init.body.confirmKey)).status, 200);
  });
});
