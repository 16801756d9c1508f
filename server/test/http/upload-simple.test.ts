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

const TTL_SECONDS = 120;

describe('simple upload (files.md §3.1, §6.1, §6.7, §6.8)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_UPLOAD_TTL_SECONDS: String(TTL_SECONDS) });
  });
  after(async () => {
    await server.close();
  });

  const setup = () => libraryWithDirectory(server, 'docs');

  it('initiates with exactly the SMH target fields and a query-free path', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/a.txt');
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.deepEqual(Object.keys(init.body).sort(), ['availableDomainNum', 'confirmKey', 'domain', 'expiration', 'headers', 'path']);
    assert.equal(init.body.domain, new URL(server.url).host);
    assert.match(init.body.path, /^\/[^?#]*$/);
    assert.equal(typeof init.body.headers, 'object');
    for (const value of Object.values(init.body.headers)) {
      assert.equal(typeof value, 'string');
    }
    assert.match(init.body.confirmKey, /^[0-9a-f]{32}$/);
    assert.equal(new Date(init.body.expiration).toISOString(), init.body.expiration);
    assert.ok(Date.parse(init.body.expiration) > server.clock.now());
    assert.equal(init.body.availableDomainNum, 1);
  });

  it('stores the bytes with a 200 + ETag and confirms into an SMH file object', async () => {
    const { library, token } = await setup();
    const content = randomBytes(5000);
    const init = await initiateUpload(server, library, token, 'docs/photo.bin');
    const put = await putToTarget(init.body, content);
    assert.equal(put.status, 200, await put.text());
    const md5 = createHash('md5').update(content).digest('hex');
    assert.equal(put.headers.get('etag'), `"${md5}"`);
    const crc64 = await crc64Of(content);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64 } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const file = confirmed.body;
    assert.deepEqual(file.path, ['docs', 'photo.bin']);
    assert.equal(file.name, 'photo.bin');
    assert.equal(file.type, 'file');
    assert.equal(file.size, '5000');
    assert.equal(file.crc64, crc64);
    assert.equal(file.eTag, `"${md5}"`);
    assert.equal(file.isOverwritten, false);
    assert.equal(file.virusAuditStatus, 0);
    assert.equal(typeof file.contentType, 'string');
    assert.equal(typeof file.fileType, 'string');
    for (const flag of ['previewByDoc', 'previewByCI', 'previewAsIcon']) {
      assert.equal(typeof file[flag], 'boolean');
    }
    assert.equal(new Date(file.creationTime).toISOString(), file.creationTime);
    assert.equal(new Date(file.modificationTime).toISOString(), file.modificationTime);
    assert.equal(file.metaData, undefined);
    assert.equal(file.inode, undefined);
    assert.ok((await download(server, library, token, 'docs/photo.bin')).equals(content));
  });

  it('accepts an empty file', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/empty.txt');
    const put = await putToTarget(init.body, Buffer.alloc(0));
    assert.equal(put.status, 200, await put.text());
    assert.equal(put.headers.get('etag'), '"d41d8cd98f00b204e9800998ecf8427e"');
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: '0' } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.size, '0');
    assert.equal(confirmed.body.crc64, '0');
  });

  it('uploads to the root, with a non-ASCII name and a JSON content type', async () => {
    const { library, token } = await setup();
    const content = JSON.stringify({ hello: 'world' });
    const init = await initiateUpload(server, library, token, '报告 final.json');
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.equal((await putToTarget(init.body, content)).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(confirmed.body.path, ['报告 final.json']);
    assert.equal(confirmed.body.contentType, 'application/json');
    assert.equal((await download(server, library, token, '报告 final.json')).toString(), content);
  });

  it('returns x-smh-meta-* headers from initiate as metaData, plus labels and inode on request', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/meta.txt', {
      headers: { 'x-smh-meta-foo': 'bar', 'X-SMH-Meta-Camera': 'Leica M6' },
      body: { labels: ['a', 'b'], category: 'doc' },
    });
    assert.equal(init.status, 201, JSON.stringify(init.body));
    assert.equal((await putToTarget(init.body, 'hello')).status, 200);
    const confirmed = await call(server, 'POST', fileUrl(library, token, init.body.confirmKey, { confirm: '', with_inode: '1' }));
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(confirmed.body.metaData, { 'x-smh-meta-foo': 'bar', 'x-smh-meta-camera': 'Leica M6' });
    assert.deepEqual(confirmed.body.labels, ['a', 'b']);
    assert.equal(confirmed.body.category, 'doc');
    assert.equal(typeof confirmed.body.inode, 'string');
  });

  it('accepts a signed (negative) print of the right crc64', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/check.txt');
    assert.equal((await putToTarget(init.body, '123456789')).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: '-7395533204333446662' } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.crc64, '11051210869376104954');
  });

  it('refuses a wrong crc64 with BadCrc64 and leaves no visible file; the right one then works', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/crc.txt');
    assert.equal((await putToTarget(init.body, '123456789')).status, 200);
    const bad = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: '12345' } });
    assertSmhError(bad, 400, 'BadCrc64');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'docs/crc.txt', { info: '' })), 404, 'FileNotFound');
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/docs?access_token=${token}`);
    assert.deepEqual(listing.body.contents, []);
    const good = await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: '11051210869376104954' } });
    assert.equal(good.status, 200, JSON.stringify(good.body));
  });

  it('refuses a malformed crc64 as a parameter error', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/x.txt');
    assert.equal((await putToTarget(init.body, 'x')).status, 200);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey, { body: { crc64: 'abc' } }), 400, 'ParamInvalid');
  });

  it('answers UploadNotFound for an unknown confirm key', async () => {
    const { library, token } = await setup();
    const unknown = randomBytes(16).toString('hex');
    assertSmhError(await confirmUpload(server, library, token, unknown), 404, 'UploadNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, unknown, { upload: '' })), 404, 'UploadNotFound');
  });

  it('does not let one library confirm another library\'s upload', async () => {
    const { library, token } = await setup();
    const other = await setup();
    const init = await initiateUpload(server, library, token, 'docs/mine.txt');
    assert.equal((await putToTarget(init.body, 'x')).status, 200);
    assertSmhError(await confirmUpload(server, other.library, other.token, init.body.confirmKey), 404, 'UploadNotFound');
  });

  it('answers UploadIncomplete to a confirm before any byte was sent', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/early.txt');
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'UploadIncomplete');
    assert.equal((await putToTarget(init.body, 'late')).status, 200);
    assert.equal((await confirmUpload(server, library, token, init.body.confirmKey)).status, 200);
  });

  it('answers 404 DirectoryNotFound when the parent directory is missing', async () => {
    const { library, token } = await setup();
    assertSmhError(await initiateUpload(server, library, token, 'nowhere/a.txt'), 404, 'DirectoryNotFound');
    assertSmhError(await initiateUpload(server, library, token, 'docs/deeper/a.txt', { kind: 'multipart' }), 404, 'DirectoryNotFound');
    assertSmhError(await initiateUpload(server, library, token, 'nowhere/a.txt', { kind: 'form' }), 404, 'DirectoryNotFound');
  });

  it('answers DirectoryNotFound at confirm when the parent went away meanwhile', async () => {
    const { library, token } = await setup();
    await makeDirectory(server, library, token, 'gone');
    const init = await initiateUpload(server, library, token, 'gone/a.txt');
    assert.equal((await putToTarget(init.body, 'x')).status, 200);
    const removed = await call(server, 'DELETE', `/api/v1/directory/${library.libraryId}/-/gone?access_token=${token}`);
    assert.ok(removed.status === 204 || removed.status === 200, JSON.stringify(removed.body));
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 404, 'DirectoryNotFound');
  });

  it('refuses a tampered or missing storage Authorization with 403', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/t.txt');
    const headers = { ...init.body.headers } as Record<string, string>;
    const auth = headers.Authorization as string;
    const last = auth.at(-1) === 'A' ? 'B' : 'A';
    const tampered = await putToTarget({ ...init.body, headers: { ...headers, Authorization: `${auth.slice(0, -1)}${last}` } }, 'x');
    assert.equal(tampered.status, 403);
    const expiresBumped = auth.replace(/Expires=(\d+)/, (_m, value: string) => `Expires=${Number(value) + 3600}`);
    assert.equal((await putToTarget({ ...init.body, headers: { ...headers, Authorization: expiresBumped } }, 'x')).status, 403);
    const { Authorization: _dropped, ...without } = headers;
    assert.equal((await putToTarget({ ...init.body, headers: without }, 'x')).status, 403);
    // Another upload's valid signature does not open this one.
    const other = await initiateUpload(server, library, token, 'docs/u.txt');
    assert.equal((await putToTarget({ ...init.body, headers: other.body.headers }, 'x')).status, 403);
    assertSmhError(await confirmUpload(server, library, token, init.body.confirmKey), 400, 'UploadIncomplete');
  });

  it('lets a second PUT replace the bytes before confirm', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/again.txt');
    assert.equal((await putToTarget(init.body, 'first version')).status, 200);
    assert.equal((await putToTarget(init.body, 'second')).status, 200);
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.equal(confirmed.body.size, '6');
    assert.equal((await download(server, library, token, 'docs/again.txt')).toString(), 'second');
  });

  it('answers the same file to a repeated confirm (idempotent), also when sent concurrently', async () => {
    const { library, token } = await setup();
    const init = await initiateUpload(server, library, token, 'docs/twice.txt');
    assert.equal((await putToTarget(init.body, 'twice')).status, 200);
    const [first, second] = await Promise.all([
      confirmUpload(server, library, token, init.body.confirmKey),
      confirmUpload(server, library, token, init.body.confirmKey),
    ]);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.deepEqual(second.body, first.body);
    const third = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.deepEqual(third.body, first.body);
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/docs?access_token=${token}`);
    assert.deepEqual(listing.body.contents.map((item: { name: string }) => item.name), ['twice.txt']);
    // Storage refuses bytes for a confirmed upload.
    assert.equal((await putToTarget(init.body, 'late')).status, 403);
  });

  it('expires: storage PUT answers 403 and confirm UploadNotFound after the TTL', async () => {
    const { library, token } = await setup();
    const sent = await initiateUpload(server, library, token, 'docs/sent.txt');
    assert.equal((await putToTarget(sent.body, 'in time')).status, 200);
    const late = await initiateUpload(server, library, token, 'docs/late.txt');
    server.clock.advance((TTL_SECONDS + 5) * 1000);
    const put = await putToTarget(late.body, 'too late');
    assert.equal(put.status, 403, await put.text());
    assertSmhError(await confirmUpload(server, library, token, late.body.confirmKey), 404, 'UploadNotFound');
    assertSmhError(await confirmUpload(server, library, token, sent.body.confirmKey), 404, 'UploadNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'docs/sent.txt', { info: '' })), 404, 'FileNotFound');
  });
});
