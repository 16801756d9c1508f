import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobKeyOf } from '../helpers/entry-client.js';
import { adminToken, call, createLibrary, fileUrl, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

// Its own file: the preview flags follow the tools the process found (media/active-tools.ts),
// and node runs each test file in its own process.
describe('media tools absent', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer({ OPENSMH_FFMPEG: 'off', OPENSMH_FFPROBE: '/nonexistent/ffprobe', OPENSMH_PDFTOPPM: 'off', OPENSMH_PDFTOHTML: 'off', OPENSMH_SOFFICE: 'off' });
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });

  it('answers like SMH for a non-previewable file and flags it so', async () => {
    for (const name of ['clip.mp4', 'paper.pdf', 'pic.bmp']) {
      assert.equal((await uploadFile(server, library, token, name, Buffer.from('bytes'))).status, 200);
      const response = await call(server, 'GET', fileUrl(library, token, name, { preview: '', size: '64' }));
      assert.equal(response.status, 302);
      assert.equal(new URL(response.headers.get('location') as string).searchParams.get('k'), await blobKeyOf(server, library, token, name));
      const info = await call(server, 'GET', fileUrl(library, token, name, { info: '' }));
      assert.deepEqual([info.body.previewByCI, info.body.previewAsIcon, info.body.previewByDoc], [false, false, false], name);
    }
    const hls = await call(server, 'GET', `/api/v1/hls/${library.libraryId}/-/clip.mp4?info&access_token=${token}`);
    assert.equal(hls.body.code, 'UnsupportedFileType');
  });
});
