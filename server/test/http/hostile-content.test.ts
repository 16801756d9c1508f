import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { contentDisposition } from '../../src/lib/content-disposition.js';
import { downloadLocation, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, fileUrl, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const RLO = '\u202e';

/** Issue 10 item 6: stored files never run as script on the API origin. */
describe('hostile content: active types, nosniff, bidi names, download host', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer({ OPENSMH_S3_PROXY_DOWNLOADS: 'true' });
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'docs');
  });
  after(async () => {
    await server.close();
  });

  const served = async (name: string, content: string, extra = '') => {
    const uploaded = await uploadFile(server, library, token, `docs/${name}`, content);
    assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
    return fetch((await downloadLocation(server, library, token, `docs/${name}`)) + extra);
  };

  for (const [name, body] of [
    ['evil.html', '<script>alert(document.cookie)</script>'],
    ['evil.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['evil.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
    ['evil.xml', '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'],
    ['evil.js', 'alert(1)'],
    ['no-extension', '<script>alert(1)</script>'],
  ] as const) {
    it(`serves ${name} as an attachment in a sandbox with nosniff`, async () => {
      const response = await served(name, body);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);
      assert.equal(response.headers.get('content-security-policy'), 'sandbox');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(await response.text(), body);
    });
  }

  it('still serves safe types inline (images, plain text), sandboxed and with nosniff', async () => {
    const text = await served('notes.txt', 'just text');
    assert.match(text.headers.get('content-disposition') ?? '', /^inline;/);
    assert.equal(text.headers.get('content-security-policy'), 'sandbox');
    assert.equal(text.headers.get('x-content-type-options'), 'nosniff');
    const image = await served('pic.png', 'not really a png');
    assert.match(image.headers.get('content-disposition') ?? '', /^inline;/);
  });

  it('a link tampered to ask for inline HTML is refused; a valid inline link for HTML is still an attachment', async () => {
    const response = await served('again.html', '<b>x</b>');
    const location = new URL(response.url);
    location.searchParams.set('ct', 'text/plain');
    assertSmhError(await call(server, 'GET', location.pathname + location.search), 403, 'InvalidSignature');
    // content_disposition defaults to inline: the served disposition is attachment all the same
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);
  });

  it('sets nosniff on API answers and errors too', async () => {
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/docs?access_token=${token}`);
    assert.equal(listing.status, 200);
    assert.equal(listing.headers.get('x-content-type-options'), 'nosniff');
    const missing = await call(server, 'GET', '/api/v1/nothing-here');
    assert.equal(missing.headers.get('x-content-type-options'), 'nosniff');
  });

  it('refuses names with bidirectional controls at upload, mkdir and rename', async () => {
    const disguised = `invoice${RLO}fdp.exe`;
    assertSmhError(await call(server, 'PUT', fileUrl(library, token, `docs/${disguised}`)), 400, 'IllegalFileName');
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/-/a${RLO}b?access_token=${token}`), 400, 'IllegalFileName');
    assert.equal((await uploadFile(server, library, token, 'docs/plain.txt', 'x')).status, 200);
    const renamed = await call(server, 'PUT', fileUrl(library, token, `docs/x\u2066y.txt`), { body: { from: 'docs/plain.txt' } });
    assertSmhError(renamed, 400, 'IllegalFileName');
  });

  it('neutralises bidirectional controls in Content-Disposition (names stored before the rule)', () => {
    const header = contentDisposition('attachment', `invoice${RLO}fdp.exe`);
    assert.equal(header, `attachment; filename="invoice_fdp.exe"; filename*=UTF-8''invoice_fdp.exe`);
    assert.ok(!decodeURIComponent(header).includes(RLO));
  });
});

describe('a separate download host (OPENSMH_DOWNLOAD_URL)', () => {
  let server: TestServer;
  after(async () => {
    await server.close();
  });

  it('signs download links for the download host, and that host serves them', async () => {
    server = await startServer({ OPENSMH_DOWNLOAD_URL: 'http://localhost:1/', OPENSMH_S3_PROXY_DOWNLOADS: 'true' });
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'docs');
    assert.equal((await uploadFile(server, library, token, 'docs/a.txt', 'hello')).status, 200);
    const location = await downloadLocation(server, library, token, 'docs/a.txt');
    const info = await call(server, 'GET', fileUrl(library, token, 'docs/a.txt', { info: '' }));
    assert.ok(location.startsWith('http://localhost:1/storage/v1/object/'), location);
    assert.ok(String(info.body.cosUrl).startsWith('http://localhost:1/'), info.body.cosUrl);
    // the same server answers on the download host's name (here: its loopback port)
    const url = new URL(location);
    const response = await fetch(`${server.url}${url.pathname}${url.search}`);
    assert.equal(await response.text(), 'hello');
  });
});
