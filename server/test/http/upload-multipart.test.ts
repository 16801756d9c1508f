import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { crc64Of } from '../../src/lib/crc64.js';
import {
  assertSmhError,
  call,
  confirmUpload,
  download,
  fileUrl,
  initiateUpload,
  libraryWithDirectory,
  makeDirectory,
  putToTarget,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const MIN_PART = 1024;

function md5Of(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

describe('multipart upload (files.md §3.3, §6.2, §6.4, §6.5, §6.8)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_MIN_PART_SIZE: String(MIN_PART) });
  });
  after(async () => {
    await server.close();
  });

  const setup = () => libraryWithDirectory(server, 'media');

  it('initiates with uploadId and a query-free path', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/a.bin', { kind: 'multipart' });
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.deepEqual(Object.keys(init.body).sort(), ['availableDomainNum', 'confirmKey', 'domain', 'expiration', 'headers', 'path', 'uploadId']);
    assert.match(init.body.path, /^\/[^?#]*$/);
    assert.equal(typeof init.body.uploadId, 'string');
    assert.ok(init.body.uploadId.length > 0);
  });

  it('takes parts out of order and in parallel, lists them, renews and confirms with the whole CRC64', async () => {
    const { library, token } = await setup();
    const chunks = [randomBytes(MIN_PART * 3), randomBytes(MIN_PART), randomBytes(MIN_PART * 2 + 7), randomBytes(100)];
    const whole = Buffer.concat(chunks);
    const init = await initiateUpload(server, library, token, 'media/big.bin', { kind: 'multipart' });
    assert.equal(init.status, 201, JSON.stringify(init.body));

    const order = [3, 1, 4, 2];
    const responses = await Promise.all(order.map((n) => putToTarget(init.body, chunks[n - 1] as Buffer, n)));
    for (const [index, response] of responses.entries()) {
      const n = order[index] as number;
      assert.equal(response.status, 200, await response.text());
      assert.equal(response.headers.get('etag'), `"${md5Of(chunks[n - 1] as Buffer)}"`);
    }

    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.equal(status.status, 200, JSON.stringify(status.body));
    assert.equal(status.body.confirmed, false);
    assert.deepEqual(status.body.path, ['media', 'big.bin']);
    assert.equal(status.body.conflictResolutionStrategy, 'rename');
    assert.equal(status.body.force, false);
    assert.equal(status.body.uploadId, init.body.uploadId);
    assert.equal(new Date(status.body.creationTime).toISOString(), status.body.creationTime);
    assert.deepEqual(
      status.body.parts.map((part: Record<string, unknown>) => Object.keys(part).sort()),
      chunks.map(() => ['ETag', 'LastModified', 'PartNumber', 'Size']),
    );
    assert.deepEqual(
      status.body.parts.map((part: { PartNumber: number; ETag: string; Size: number }) => [part.PartNumber, part.ETag, part.Size]),
      chunks.map((chunk, index) => [index + 1, `"${md5Of(chunk)}"`, chunk.length]),
    );
    const info = status.body.uploadPartInfo;
    assert.deepEqual(Object.keys(info).sort(), ['domain', 'expiration', 'headers', 'path', 'uploadId']);
    assert.equal(info.domain, init.body.domain);
    assert.equal(info.path, init.body.path);
    assert.equal(info.uploadId, init.body.uploadId);

    server.clock.advance(5000);
    const renewed = await call(server, 'POST', fileUrl(library, token, init.body.confirmKey, { renew: '' }));
    assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
    assert.deepEqual(Object.keys(renewed.body).sort(), ['availableDomainNum', 'confirmKey', 'domain', 'expiration', 'headers', 'path', 'uploadId']);
    assert.equal(renewed.body.uploadId, init.body.uploadId);
    assert.equal(renewed.body.confirmKey, init.body.confirmKey);
    assert.notDeepEqual(renewed.body.headers, init.body.headers);
    assert.ok(Date.parse(renewed.body.expiration) > Date.parse(init.body.expiration));
    // The renewed headers work for a re-sent part.
    assert.equal((await putToTarget(renewed.body, chunks[3] as Buffer, 4)).status, 200);

    const crc64 = await crc64Of(whole);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64 } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.crc64, crc64);
    assert.equal(confirmed.body.size, String(whole.length));
    assert.match(confirmed.body.eTag, /^"[0-9a-f]{32}-4"$/);
    assert.ok((await download(server, library, token, 'media/big.bin')).equals(whole));

    const after = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.equal(after.status, 200);
    assert.equal(after.body.confirmed, true);
    assert.equal(after.body.uploadPartInfo, undefined);
  });

  it('replaces a re-sent part', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/resend.bin', { kind: 'multipart' });
    const first = randomBytes(MIN_PART);
    const second = randomBytes(10);
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART + 5), 1)).status, 200);
    assert.equal((await putToTarget(init.body, first, 1)).status, 200);
    assert.equal((await putToTarget(init.body, second, 2)).status, 200);
    const whole = Buffer.concat([first, second]);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(whole) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.ok((await download(server, library, token, 'media/resend.bin')).equals(whole));
  });

  it('refuses a middle part below the minimum with MultipartUploadPartTooSmall', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/small.bin', { kind: 'multipart' });
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART), 1)).status, 200);
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART - 1), 2)).status, 200);
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART), 3)).status, 200);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'MultipartUploadPartTooSmall');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'media/small.bin', { info: '' })), 404, 'FileNotFound');
    // Fixing the part makes the same task confirmable.
    const parts = [randomBytes(MIN_PART), randomBytes(MIN_PART), randomBytes(MIN_PART)];
    await Promise.all(parts.map(async (part, index) => assert.equal((await putToTarget(init.body, part, index + 1)).status, 200)));
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(Buffer.concat(parts)) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  });

  it('refuses a missing part with MultipartUploadIncomplete', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/gap.bin', { kind: 'multipart' });
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'MultipartUploadIncomplete');
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART), 1)).status, 200);
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART), 3)).status, 200);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'MultipartUploadIncomplete');
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART), 2)).status, 200);
    assert.equal((await confirmUpload(server, library, token, init.body.confirmKey)).status, 200);
  });

  it('lets a part be fixed after a BadCrc64 confirm', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/crc.bin', { kind: 'multipart' });
    const parts = [randomBytes(MIN_PART), randomBytes(MIN_PART)];
    const wanted = await crc64Of(Buffer.concat(parts));
    assert.equal((await putToTarget(init.body, parts[0] as Buffer, 1)).status, 200);
    assert.equal((await putToTarget(init.body, randomBytes(MIN_PART), 2)).status, 200);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: wanted } }), 400, 'BadCrc64');
    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.equal(status.body.parts.length, 2, JSON.stringify(status.body));
    assert.equal((await putToTarget(init.body, parts[1] as Buffer, 2)).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: wanted } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.ok((await download(server, library, token, 'media/crc.bin')).equals(Buffer.concat(parts)));
  });

  it('answers the same file to two concurrent confirms of one multipart task', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/race.bin', { kind: 'multipart' });
    const parts = [randomBytes(MIN_PART * 2), randomBytes(MIN_PART), randomBytes(5)];
    await Promise.all(parts.map(async (part, index) => assert.equal((await putToTarget(init.body, part, index + 1)).status, 200)));
    const confirms = await Promise.all([1, 2, 3].map(() => confirmUpload(server, library, token, init.body.confirmKey)));
    for (const confirmed of confirms) {
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.deepEqual(confirmed.body, confirms[0]?.body);
    }
    assert.deepEqual(confirms[0]?.body.path, ['media', 'race.bin']);
    assert.ok((await download(server, library, token, 'media/race.bin')).equals(Buffer.concat(parts)));
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/media?access_token=${token}`);
    assert.deepEqual(listing.body.contents.map((item: { name: string }) => item.name), ['race.bin']);
  });

  it('keeps a joined task confirmable after a failed confirm, and refuses new parts for it', async () => {
    const { library, token } = await setup();
    await makeDirectory(server, library, token, 'media/album');
    const init = await initiateUpload(server, library, token, 'media/album/j.bin', { kind: 'multipart' });
    const part = randomBytes(10);
    assert.equal((await putToTarget(init.body, part, 1)).status, 200);
    const removed = await call(server, 'DELETE', `/api/v1/directory/${library.libraryId}/-/media/album?access_token=${token}`);
    assert.ok(removed.status === 204 || removed.status === 200, JSON.stringify(removed.body));
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 404, 'DirectoryNotFound');
    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '' }));
    assert.deepEqual(status.body.parts.map((p: { PartNumber: number }) => p.PartNumber), [1]);
    // COS forgets an upload id once it is completed; so do we.
    assert.equal((await putToTarget(init.body, part, 2)).status, 403);
    await makeDirectory(server, library, token, 'media/album');
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: await crc64Of(part) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.ok((await download(server, library, token, 'media/album/j.bin')).equals(part));
  });

  it('refuses bad part numbers and a wrong uploadId', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/bad.bin', { kind: 'multipart' });
    for (const n of [0, 10_001, 1.5]) {
      const response = await putToTarget(init.body, 'x', n);
      assert.equal(response.status, 400, `part ${n}`);
    }
    const wrongId = await fetch(`http://${init.body.domain}${init.body.path}?partNumber=1&uploadId=nope`, {
      method: 'PUT',
      headers: init.body.headers,
      body: 'x',
    });
    assert.ok(wrongId.status >= 400 && wrongId.status < 500, String(wrongId.status));
    const noId = await fetch(`http://${init.body.domain}${init.body.path}?partNumber=1&uploadId=`, { method: 'PUT', headers: init.body.headers, body: 'x' });
    assert.equal(noId.status, 400);
  });

  it('does not take a whole-file PUT on a multipart target, nor renew a simple upload', async () => {
    const { library, token } = await setup();
    const multi = await initiateUpload(server, library, token, 'media/m.bin', { kind: 'multipart' });
    assert.equal((await putToTarget(multi.body, 'whole')).status, 403);
    const simple = await initiateUpload(server, library, token, 'media/s.bin');
    assertSmhError(await call(server, 'POST', fileUrl(library, token, simple.body.confirmKey, { renew: '' })), 400, 'NotMultipartUpload');
    const simpleStatus = await call(server, 'GET', fileUrl(library, token, simple.body.confirmKey, { upload: '' }));
    assert.equal(simpleStatus.status, 200);
    assert.equal(simpleStatus.body.parts, undefined);
    assert.equal(simpleStatus.body.uploadPartInfo, undefined);
  });

  it('omits uploadPartInfo with no_upload_part_info', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/n.bin', { kind: 'multipart' });
    const status = await call(server, 'GET', fileUrl(library, token, init.body.confirmKey, { upload: '', no_upload_part_info: '1' }));
    assert.equal(status.status, 200);
    assert.deepEqual(status.body.parts, []);
    assert.equal(status.body.uploadPartInfo, undefined);
  });

  it('does not renew a confirmed task', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'media/done.bin', { kind: 'multipart' });
    assert.equal((await putToTarget(init.body, 'x', 1)).status, 200);
    assert.equal((await confirmUpload(server, library, token, init.body.confirmKey)).status, 200);
    assertSmhError(await call(server, 'POST', fileUrl(library, token, init.body.confirmKey, { renew: '' })), 409, 'UploadComplete');
    assert.equal((await putToTarget(init.body, 'late', 2)).status, 403);
  });
});
