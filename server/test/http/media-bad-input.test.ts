import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { blobKeyOf } from '../helpers/entry-client.js';
import { ffmpegMake, imageFacts, preview, solid, tinyPdf } from '../helpers/media-client.js';
import { adminToken, call, createLibrary, fileUrl, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/**
 * Hostile or broken input gets SMH's answer for a non-previewable file (the download redirect),
 * never a 5xx, a hang or a crash, and no rendition is kept for it.
 */
describe('media: bad input', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  let tools: string;
  before(async () => {
    tools = await mkdtemp(join(tmpdir(), 'opensmh-hang-'));
    // a "pdftoppm" that never finishes, recording its pid so the test can see it was killed
    const hang = join(tools, 'pdftoppm');
    await writeFile(hang, `#!/bin/sh\necho $$ > ${join(tools, 'pid')}\nexec sleep 600\n`);
    await chmod(hang, 0o755);
    server = await startServer({ OPENSMH_MEDIA_MAX_PIXELS: '1000000', OPENSMH_MEDIA_TIMEOUT_SECONDS: '2', OPENSMH_PDFTOPPM: hang });
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
    await rm(tools, { recursive: true, force: true });
  });

  /** Uploads `bytes` as `name` and asserts `?preview` redirects to the file's own download. */
  const assertDownloadAnswer = async (name: string, bytes: Buffer, params: Record<string, string> = { size: '64' }) => {
    const uploaded = await uploadFile(server, library, token, name, bytes);
    assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
    const response = await call(server, 'GET', fileUrl(library, token, name, { preview: '', ...params }));
    assert.equal(response.status, 302, `${name}: ${response.status} ${JSON.stringify(response.body)}`);
    const source = await blobKeyOf(server, library, token, name);
    assert.equal(new URL(response.headers.get('location') as string).searchParams.get('k'), source, `${name} answers with its download`);
    const kept = await server.stores.meta.renditions.get(source, `thumb:s${params.size ?? ''}`);
    assert.ok(kept === null || kept.blobKey === '', `${name}: no rendition bytes kept`);
  };

  it('corrupt and zero-byte images', async () => {
    await assertDownloadAnswer('garbage.jpg', Buffer.from('\xff\xd8\xff\xe0 definitely not a jpeg'));
    await assertDownloadAnswer('empty.jpg', Buffer.alloc(0));
    await assertDownloadAnswer('empty.mp4', Buffer.alloc(0));
  });

  it('a truncated JPEG never fails the request', async () => {
    const whole = await solid(300, 300, { r: 100, g: 150, b: 200 }).jpeg().toBuffer();
    const uploaded = await uploadFile(server, library, token, 'cut.jpg', whole.subarray(0, Math.floor(whole.length / 2)));
    assert.equal(uploaded.status, 200);
    const response = await call(server, 'GET', fileUrl(library, token, 'cut.jpg', { preview: '', size: '64' }));
    assert.equal(response.status, 302);
    assert.equal((await fetch(response.headers.get('location') as string)).status, 200);
  });

  it('decompression bombs: images over the pixel cap are not decoded', async () => {
    await assertDownloadAnswer('huge.png', await solid(1200, 1000, { r: 0, g: 0, b: 0 }).png().toBuffer());
  });

  it('a 10,000-frame GIF renders the asked frame without decoding the others', async () => {
    const gif = await ffmpegMake('many.gif', ['-f', 'lavfi', '-i', 'testsrc=s=8x8:r=100', '-frames:v', '10000']);
    const uploaded = await uploadFile(server, library, token, 'many.gif', gif);
    assert.equal(uploaded.status, 200);
    for (const frame of ['0', '9999', '5000000']) {
      // ffmpeg's GIF has a transparent colour, so the thumbnail is a PNG
      assert.deepEqual(await imageFacts((await preview(server, library, token, 'many.gif', { size: '16', frame_number: frame })).body), { width: 16, height: 16, format: 'png' });
    }
  });

  it('a video with no video stream', async () => {
    await assertDownloadAnswer('voice.mp4', await ffmpegMake('voice.mp4', ['-f', 'lavfi', '-i', 'sine=d=1', '-c:a', 'aac']));
    const info = await call(server, 'GET', `/api/v1/hls/${library.libraryId}/-/voice.mp4?info&access_token=${token}`);
    assert.equal(info.body.code, 'UnsupportedFileType');
  });

  it('a tool that hangs is killed at the timeout', async () => {
    await assertDownloadAnswer('slow.pdf', tinyPdf('hello'), { type: 'pic' });
    const pid = Number((await readFile(join(tools, 'pid'), 'utf8')).trim());
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the hung tool is gone');
  });

  it('SVG is not rendered (no external fetches, no scripts)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="http://127.0.0.1:1/x.png"/><script>alert(1)</script></svg>';
    await assertDownloadAnswer('logo.svg', Buffer.from(svg));
    const download = await fetch((await call(server, 'GET', fileUrl(library, token, 'logo.svg'))).headers.get('location') as string);
    assert.equal(download.headers.get('content-security-policy'), 'sandbox');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
  });
});
