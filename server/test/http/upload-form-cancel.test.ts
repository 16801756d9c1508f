import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expireUploads } from '../../src/jobs/expire-uploads.js';
import { crc64Of } from '../../src/lib/crc64.js';
import {
  assertSmhError,
  call,
  confirmUpload,
  download,
  fileUrl,
  initiateUpload,
  libraryWithDirectory,
  putToTarget,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { USE_S3 } from '../helpers/test-stores.js';
import { blobCount } from '../helpers/version-client.js';

/** Posts a browser-style form: every `form` field first, then `file` last (files.md §3.5). */
async function postForm(target: { domain: string; path: string; form: Record<string, string> }, content: Buffer | string, fileFirst = false): Promise<Response> {
  const form = new FormData();
  const file = new Blob([typeof content === 'string' ? content : new Uint8Array(content)]);
  if (fileFirst) {
    form.append('file', file, 'upload.bin');
  }
  for (const [key, value] of Object.entries(target.form)) {
    form.append(key, value);
  }
  if (!fileFirst) {
    form.append('file', file, 'upload.bin');
  }
  return fetch(`http://${target.domain}${target.path}`, { method: 'POST', body: form });
}

/** Upload ids with parts in the local blob store; null with the S3 store, which has no folder to look at. */
async function partFolders(server: TestServer): Promise<string[] | null> {
  return USE_S3 ? null : readdir(join(server.dataDir, 'blobs', 'parts')).catch(() => []);
}

describe('form upload (files.md §3.5, §6.3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const setup = () => libraryWithDirectory(server, 'up');

  it('initiates with form fields and path "/"', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'up/f.txt', { kind: 'form' });
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.deepEqual(Object.keys(init.body).sort(), ['availableDomainNum', 'confirmKey', 'domain', 'expiration', 'form', 'path']);
    assert.equal(init.body.path, '/');
    assert.equal(typeof init.body.form, 'object');
    for (const value of Object.values(init.body.form)) {
      assert.equal(typeof value, 'string');
    }
  });

  it('takes a multipart/form-data POST with the file last (204), then confirms', async () => {
    const { library, token } = await setup();
    const content = randomBytes(70_000);
    const init = await initiateUpload(server, library, token, 'up/form.bin', { kind: 'form', headers: { 'x-smh-meta-origin': 'browser' } });
    const posted = await postForm(init.body, content);
    assert.equal(posted.status, 204, await posted.text());
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(content) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(confirmed.body.path, ['up', 'form.bin']);
    assert.equal(confirmed.body.size, String(content.length));
    assert.deepEqual(confirmed.body.metaData, { 'x-smh-meta-origin': 'browser' });
    assert.ok((await download(server, library, token, 'up/form.bin')).equals(content));
  });

  it('refuses a form whose signature fields are tampered with, or that puts the file first', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'up/bad.txt', { kind: 'form' });
    const form = { ...init.body.form } as Record<string, string>;
    const tampered: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) {
      tampered[key] = key === 'key' ? value : `${value}0`;
    }
    assert.equal((await postForm({ ...init.body, form: tampered }, 'x')).status, 403);
    const fileFirst = await postForm(init.body, 'x', true);
    assert.ok(fileFirst.status >= 400 && fileFirst.status < 500, String(fileFirst.status));
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'UploadIncomplete');
  });

  it('refuses a form without a file field', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'up/nofile.txt', { kind: 'form' });
    const form = new FormData();
    for (const [key, value] of Object.entries(init.body.form as Record<string, string>)) {
      form.append(key, value);
    }
    const response = await fetch(`http://${init.body.domain}/`, { method: 'POST', body: form });
    assert.equal(response.status, 400);
  });

  it('does not take a simple PUT on a form upload', async () => {
    const { library, token } = await setup();
    const simple = await initiateUpload(server, library, token, 'up/s.txt');
    const form = await initiateUpload(server, library, token, 'up/f.txt', { kind: 'form' });
    assert.equal((await putToTarget({ ...simple.body, path: simple.body.path.replace(simple.body.confirmKey, form.body.confirmKey) }, 'x')).status, 403);
  });
});

describe('cancel upload (files.md §3.7, §6.6)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_MIN_PART_SIZE: '1024' });
  });
  after(async () => {
    await server.close();
  });

  const setup = () => libraryWithDirectory(server, 'up');

  it('drops a multipart task: 204, parts gone from disk, then UploadNotFound', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'up/cancel.bin', { kind: 'multipart' });
    assert.equal((await putToTarget(init.body, randomBytes(2048), 1)).status, 200);
    assert.equal((await putToTarget(init.body, randomBytes(10), 2)).status, 200);
    assert.notEqual((await partFolders(server))?.includes(init.body.uploadId), false, 'parts are on disk before cancel');
    const cancelled = await call(server, 'DELETE', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.equal(cancelled.status, 204, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body, undefined);
    assert.notEqual((await partFolders(server))?.includes(init.body.uploadId), true, 'parts are removed');
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 404, 'UploadNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' })), 404, 'UploadNotFound');
    assertSmhError(await call(server, 'DELETE', fileUrl(library, token, init.body.confirmKey, { upload: '' })), 404, 'UploadNotFound');
    assert.equal((await putToTarget(init.body, 'late', 3)).status, 403);
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'up/cancel.bin', { info: '' })), 404, 'FileNotFound');
  });

  it('drops a simple task whose bytes were sent, removing the stored blob', async () => {
    const { library, token } = await setup();
    const before = await blobCount(server);
    const init = await initiateUpload(server, library, token, 'up/simple.bin');
    assert.equal((await putToTarget(init.body, randomBytes(3000))).status, 200);
    assert.equal(await blobCount(server), before + 1);
    const cancelled = await call(server, 'DELETE', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.equal(cancelled.status, 204);
    assert.equal(await blobCount(server), before);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 404, 'UploadNotFound');
  });

  it('lets the expiry sweep drop an expired task with its parts', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'up/stale.bin', { kind: 'multipart' });
    assert.equal((await putToTarget(init.body, randomBytes(100), 1)).status, 200);
    assert.notEqual((await partFolders(server))?.includes(init.body.uploadId), false);
    server.clock.advance(2 * 3600 * 1000);
    await expireUploads(server.stores.meta, server.stores.blob, server.clock.now());
    assert.notEqual((await partFolders(server))?.includes(init.body.uploadId), true, 'parts are removed');
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 404, 'UploadNotFound');
  });

  it('refuses to cancel a confirmed upload', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'up/kept.txt');
    assert.equal((await putToTarget(init.body, 'kept')).status, 200);
    assert.equal((await confirmUpload(server, library, token, init.body.confirmKey)).status, 200);
    assertSmhError(await call(server, 'DELETE', fileUrl(library, token, init.body.confirmKey, { upload: '' })), 409, 'UploadComplete');
    assert.equal((await download(server, library, token, 'up/kept.txt')).toString(), 'kept');
  });
});
