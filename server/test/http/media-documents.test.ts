import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { discoverTools } from '../../src/media/tools.js';
import { blobKeyOf, dirUrl } from '../helpers/entry-client.js';
import { imageFacts, preview, tinyPdf, type Fetched } from '../helpers/media-client.js';
import { adminToken, call, createLibrary, fileUrl, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const assertSandboxedHtml = (page: Fetched) => {
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(page.headers.get('content-security-policy'), 'sandbox');
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  return page.body.toString('utf8');
};

describe('document previews (files.md §7.7)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer({ OPENSMH_MEDIA_TIMEOUT_SECONDS: '120' });
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });
  const put = async (path: string, bytes: Buffer | string) => {
    const response = await uploadFile(server, library, token, path, bytes);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };

  it('PDF: first page as JPEG with type=pic, text as sandboxed HTML otherwise', async () => {
    await put('paper.pdf', tinyPdf('Hello PDF'));
    const page = await preview(server, library, token, 'paper.pdf', { type: 'pic' });
    // a 200×100 pt page, longest edge scaled to 1600 px
    assert.deepEqual(await imageFacts(page.body), { width: 1600, height: 800, format: 'jpeg' });
    assert.match(assertSandboxedHtml(await preview(server, library, token, 'paper.pdf')), /Hello PDF/);
  });

  it('Markdown and text become escaped HTML; text has no picture preview', async () => {
    await put('readme.md', '# Title\n\nSome *emphasis* and <script>alert(1)</script>\n\n- one\n- two\n');
    const html = assertSandboxedHtml(await preview(server, library, token, 'readme.md'));
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<em>emphasis<\/em>/);
    assert.match(html, /<li>two<\/li>/);
    assert.doesNotMatch(html, /<script>/);
    await put('notes.txt', 'a < b & c');
    assert.match(assertSandboxedHtml(await preview(server, library, token, 'notes.txt')), /a &lt; b &amp; c/);
    const pic = await call(server, 'GET', fileUrl(library, token, 'notes.txt', { preview: '', type: 'pic' }));
    assert.equal(new URL(pic.headers.get('location') as string).searchParams.get('k'), await blobKeyOf(server, library, token, 'notes.txt'));
  });

  it('Office documents through LibreOffice when it is installed', async (t) => {
    const tools = await discoverTools({ ffmpeg: 'off', ffprobe: 'off', pdftoppm: 'pdftoppm', pdftohtml: 'off', soffice: 'soffice' }, process.env.PATH ?? '');
    const listed = async () => (await call(server, 'GET', dirUrl(library, 'letter.rtf', token, { info: '' }))).body.previewByDoc;
    await put('letter.rtf', '{\\rtf1\\ansi Hello Office world\\par}');
    if (!tools.soffice) {
      assert.equal(await listed(), false);
      t.skip('soffice is not installed');
      return;
    }
    assert.equal(await listed(), true);
    const [html, page] = await Promise.all([preview(server, library, token, 'letter.rtf'), preview(server, library, token, 'letter.rtf', { type: 'pic' })]);
    assert.match(assertSandboxedHtml(html), /Hello Office world/);
    const facts = await imageFacts(page.body);
    assert.equal(facts.format, 'jpeg');
    assert.equal(Math.max(facts.width, facts.height), 1600);
  });
});
