import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { downloadLocation, fileUrl, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const TTL_SECONDS = 600;
const CONTENT = 'The quick brown fox jumps over the lazy dog';

describe('downloads: 302, signed URLs, HEAD and ?info (files.md §7)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  let confirmed: Record<string, any>;
  before(async () => {
    server = await startServer({ OPENSMH_DOWNLOAD_TTL_SECONDS: String(TTL_SECONDS) });
  });
  after(async () => {
    await server.close();
  });
  const fresh = async (name = 'docs/fox.txt', content: string | Buffer = CONTENT) => {
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'docs');
    const response = await uploadFile(server, library, token, name, content, { headers: { 'x-smh-meta-color': 'brown', 'x-smh-meta-legs': '4' } });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    confirmed = response.body;
  };
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => fetch(url, { method, headers });

  it('answers 302 with Location and every x-smh-* header', async () => {
    await fresh();
    const response = await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token));
    assert.equal(response.status, 302);
    const location = response.headers.get('location') as string;
    assert.ok(location.startsWith(`${server.url}/`), location);
    assert.equal(response.headers.get('x-smh-type'), 'file');
    assert.equal(response.headers.get('x-smh-size'), String(CONTENT.length));
    assert.equal(response.headers.get('x-smh-content-type'), 'text/plain');
    assert.equal(response.headers.get('x-smh-etag'), confirmed.eTag);
    assert.equal(response.headers.get('x-smh-crc64'), confirmed.crc64);
    assert.equal(response.headers.get('x-smh-creation-time'), confirmed.creationTime);
    assert.equal(response.headers.get('x-smh-modification-time'), confirmed.modificationTime);
    assert.equal(response.headers.get('x-smh-meta-color'), 'brown');
    assert.equal(response.headers.get('x-smh-meta-legs'), '4');
  });

  it('the signed URL serves the bytes with type, length and disposition', async () => {
    await fresh();
    const response = await get(await downloadLocation(server, library, token, 'docs/fox.txt'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), CONTENT);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(response.headers.get('content-length'), String(CONTENT.length));
    assert.equal(response.headers.get('etag'), confirmed.eTag);
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.match(response.headers.get('content-disposition') ?? '', /^inline; filename="fox.txt"/);
    const head = await get(await downloadLocation(server, library, token, 'docs/fox.txt'), {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(CONTENT.length));
    const attachment = await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { content_disposition: 'attachment' }));
    const saved = await get(attachment.headers.get('location') as string);
    assert.match(saved.headers.get('content-disposition') ?? '', /^attachment; filename="fox.txt"/);
    assert.equal(await saved.text(), CONTENT);
  });

  it('serves non-ASCII names with an RFC 5987 filename', async () => {
    await fresh('docs/狐狸 (1).txt');
    const response = await get(await downloadLocation(server, library, token, 'docs/狐狸 (1).txt'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), CONTENT);
    assert.ok((response.headers.get('content-disposition') ?? '').includes(`filename*=UTF-8''${encodeURIComponent('狐狸 (1).txt')}`));
  });

  it('honours Range with 206 and Content-Range', async () => {
    await fresh();
    const url = await downloadLocation(server, library, token, 'docs/fox.txt');
    const size = CONTENT.length;
    const cases: [string, number, number][] = [
      ['bytes=4-8', 4, 8],
      ['bytes=40-', 40, size - 1],
      ['bytes=-3', size - 3, size - 1],
      ['bytes=10-1000', 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await get(url, { range });
      assert.equal(response.status, 206, range);
      assert.equal(response.headers.get('content-range'), `bytes ${start}-${end}/${size}`);
      assert.equal(response.headers.get('content-length'), String(end - start + 1));
      assert.equal(await response.text(), CONTENT.slice(start, end + 1));
    }
    const multi = await get(url, { range: 'bytes=0-1,4-5' });
    assert.equal(multi.status, 200);
    assert.equal(await multi.text(), CONTENT);
  });

  it('answers 416 to an unsatisfiable range', async () => {
    await fresh();
    const url = await downloadLocation(server, library, token, 'docs/fox.txt');
    for (const range of ['bytes=1000-', 'bytes=43-50', 'bytes=-0']) {
      const response = await get(url, { range });
      assert.equal(response.status, 416, range);
      assert.equal(response.headers.get('content-range'), `bytes */${CONTENT.length}`);
      assert.equal((await response.json()).code, 'RangeNotSatisfiable');
    }
  });

  it('serves an empty file', async () => {
    await fresh('docs/empty.txt', '');
    const url = await downloadLocation(server, library, token, 'docs/empty.txt');
    const response = await get(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), '0');
    assert.equal(await response.text(), '');
    assert.equal((await get(url, { range: 'bytes=0-' })).status, 416);
  });

  it('answers 304 to If-None-Match with the ETag', async () => {
    await fresh();
    const url = await downloadLocation(server, library, token, 'docs/fox.txt');
    const cached = await get(url, { 'if-none-match': confirmed.eTag });
    assert.equal(cached.status, 304);
    assert.equal(await cached.text(), '');
    assert.equal((await get(url, { 'if-none-match': `"nope", ${confirmed.eTag}` })).status, 304);
    assert.equal((await get(url, { 'if-none-match': `W/${confirmed.eTag}` })).status, 304);
    assert.equal((await get(url, { 'if-none-match': '*' })).status, 304);
    assert.equal((await get(url, { 'if-none-match': '"nope"' })).status, 200);
  });

  it('refuses tampered URLs with 403', async () => {
    await fresh();
    await uploadFile(server, library, token, 'docs/secret.txt', 'secret');
    const url = new URL(await downloadLocation(server, library, token, 'docs/fox.txt'));
    const secretKey = new URL(await downloadLocation(server, library, token, 'docs/secret.txt')).searchParams.get('k') as string;
    const tamper = async (mutate: (target: URL) => void) => {
      const target = new URL(url);
      mutate(target);
      const response = await get(target.toString());
      assert.equal(response.status, 403, target.toString());
      assert.equal((await response.json()).code, 'InvalidSignature');
    };
    await tamper((target) => target.searchParams.set('s', `${url.searchParams.get('s')}x`));
    await tamper((target) => target.searchParams.set('s', 'A'.repeat(43)));
    await tamper((target) => target.searchParams.delete('s'));
    await tamper((target) => target.searchParams.set('k', secretKey));
    await tamper((target) => target.searchParams.set('ct', 'text/html'));
    await tamper((target) => target.searchParams.set('e', String(Number(url.searchParams.get('e')) + 3600)));
    await tamper((target) => {
      target.pathname = target.pathname.replace('fox.txt', 'wolf.txt');
    });
    assert.equal((await get(url.toString())).status, 200);
  });

  it('expires links after the configured TTL', async () => {
    await fresh();
    const url = await downloadLocation(server, library, token, 'docs/fox.txt');
    server.clock.advance((TTL_SECONDS - 5) * 1000);
    assert.equal((await get(url)).status, 200);
    server.clock.advance(10 * 1000);
    const expired = await get(url);
    assert.equal(expired.status, 403);
    assert.equal((await expired.json()).code, 'InvalidSignature');
    // A fresh 302 works again.
    assert.equal((await get(await downloadLocation(server, library, token, 'docs/fox.txt'))).status, 200);
  });

  it('stops serving a deleted file', async () => {
    await fresh();
    const url = await downloadLocation(server, library, token, 'docs/fox.txt');
    assert.equal((await call(server, 'DELETE', fileUrl(library, 'docs/fox.txt', token))).status, 204);
    const response = await get(url);
    assert.equal(response.status, 404);
  });

  it('HEAD on the file API answers 200 with the headers, 404 when missing', async () => {
    await fresh();
    const head = await call(server, 'HEAD', fileUrl(library, 'docs/fox.txt', token));
    assert.equal(head.status, 200);
    assert.equal(head.body, undefined);
    assert.equal(head.headers.get('x-smh-size'), String(CONTENT.length));
    assert.equal(head.headers.get('x-smh-etag'), confirmed.eTag);
    assert.equal(head.headers.get('x-smh-crc64'), confirmed.crc64);
    assert.equal(head.headers.get('x-smh-type'), 'file');
    assert.equal(head.headers.get('x-smh-meta-color'), 'brown');
    const missing = await call(server, 'HEAD', fileUrl(library, 'docs/none.txt', token));
    assert.equal(missing.status, 404);
    assert.equal(missing.body, undefined);
    assert.equal((await call(server, 'HEAD', fileUrl(library, 'docs', token))).status, 404);
  });

  it('GET of a missing file or a directory is 404 FileNotFound', async () => {
    await fresh();
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/none.txt', token)), 404, 'FileNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs', token)), 404, 'FileNotFound');
  });

  it('?info returns the file details and a working cosUrl', async () => {
    await fresh();
    const info = await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { info: '' }));
    assert.equal(info.status, 200);
    assert.equal(info.body.type, 'file');
    assert.equal(info.body.size, String(CONTENT.length));
    assert.equal(info.body.eTag, confirmed.eTag);
    assert.equal(info.body.crc64, confirmed.crc64);
    assert.equal(info.body.contentType, 'text/plain');
    assert.equal(info.body.versionId, confirmed.versionId);
    assert.deepEqual(info.body.metaData, { 'x-smh-meta-color': 'brown', 'x-smh-meta-legs': '4' });
    // The preview flags agree with the listing's.
    const listed = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/docs/fox.txt?info&access_token=${token}`);
    for (const key of ['fileType', 'previewByDoc', 'previewByCI', 'previewAsIcon']) {
      assert.equal(info.body[key], listed.body[key], key);
    }
    assert.equal(info.body.previewByDoc, true);
    assert.deepEqual(info.body.availableCosUrls, [info.body.cosUrl]);
    const expiresIn = Date.parse(info.body.cosUrlExpiration) - server.clock.now();
    assert.ok(expiresIn > 0 && expiresIn <= TTL_SECONDS * 1000, String(expiresIn));
    const bytes = await get(info.body.cosUrl);
    assert.equal(bytes.status, 200);
    assert.equal(await bytes.text(), CONTENT);
  });

  it('?info honours period and pre_check', async () => {
    await fresh();
    const short = await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { info: '', period: '60' }));
    assert.equal(short.status, 200);
    server.clock.advance(61 * 1000);
    assert.equal((await get(short.body.cosUrl)).status, 403);
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { info: '', period: '5' })), 400, 'ParamInvalid');
    const check = await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { info: '', pre_check: '1' }));
    assert.equal(check.status, 200);
    assert.equal(check.body.cosUrl, undefined);
  });

  it('history_id names a historical version (version-*.test.ts); the current content has none', async () => {
    await fresh();
    const version = String(confirmed.versionId);
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { history_id: version })), 404, 'HistoryNotFound');
    assert.equal((await call(server, 'HEAD', fileUrl(library, 'docs/fox.txt', token, { history_id: '' }))).status, 200);
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { history_id: '999' })), 404, 'HistoryNotFound');
    assertSmhError(await call(server, 'GET', fileUrl(library, 'docs/fox.txt', token, { info: '', history_id: 'abc' })), 404, 'HistoryNotFound');
    assert.equal((await call(server, 'HEAD', fileUrl(library, 'docs/fox.txt', token, { history_id: '999' }))).status, 404);
  });

  it('needs a token that reads the space', async () => {
    await fresh();
    const reader = await createToken(server, library);
    assert.equal((await call(server, 'GET', fileUrl(library, 'docs/fox.txt', reader))).status, 302);
    const anonymous = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/docs/fox.txt`);
    assert.equal(anonymous.status >= 400 && anonymous.status < 500, true);
    assert.equal(anonymous.headers.get('location'), null);
  });
});
