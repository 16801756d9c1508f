import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadLocation, fileUrl } from '../helpers/entry-client.js';
import { type NginxProxy, nginxBinary, startNginx } from '../helpers/nginx.js';
import { adminToken, call, createLibrary, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

const PREFIX = '/_opensmh_blobs/';
// Blobs stay on local disk on both test tiers: offload only applies to them.
const LOCAL_BLOBS = { OPENSMH_S3_ENDPOINT: '' };
const CONTENT = randomBytes(3 * 1024 * 1024 + 123);

async function uploaded(server: TestServer): Promise<{ library: Library; token: string; etag: string }> {
  const library = await createLibrary(server);
  const token = await adminToken(server, library);
  const response = await uploadFile(server, library, token, 'clip.mp4', CONTENT);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return { library, token, etag: response.body.eTag };
}

const binary = nginxBinary();

describe('download offload to Debian nginx (X-Accel-Redirect)', { skip: binary ? false : 'nginx is not installed' }, () => {
  let server: TestServer;
  let nginx: NginxProxy;
  let signed: string;
  let etag: string;
  before(async () => {
    server = await startServer({ ...LOCAL_BLOBS, OPENSMH_DOWNLOAD_OFFLOAD: `x-accel-redirect:${PREFIX}` });
    nginx = await startNginx(binary as string, {
      upstream: server.url,
      internalPrefix: PREFIX,
      blobFolder: join(server.dataDir, 'blobs', 'blobs'),
    });
    const setup = await uploaded(server);
    etag = setup.etag;
    const location = new URL(await downloadLocation(server, setup.library, setup.token, 'clip.mp4'));
    signed = `${nginx.url}${location.pathname}${location.search}`;
  });
  after(async () => {
    await nginx?.close();
    await server?.close();
  });

  it('nginx sends the whole file with the server’s type, disposition, ETag and cache headers', async () => {
    const response = await fetch(signed);
    assert.equal(response.status, 200);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(CONTENT));
    assert.equal(response.headers.get('content-length'), String(CONTENT.length));
    assert.equal(response.headers.get('content-type'), 'video/mp4');
    assert.match(response.headers.get('content-disposition') ?? '', /^inline; filename="clip.mp4"/);
    assert.equal(response.headers.get('etag'), etag);
    assert.equal(response.headers.get('cache-control'), 'private, max-age=3600');
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.equal(response.headers.get('x-accel-redirect'), null, 'the internal path must not leak');
  });

  it('nginx answers Range requests from the file', async () => {
    const response = await fetch(signed, { headers: { Range: 'bytes=1048570-1048585' } });
    assert.equal(response.status, 206);
    assert.equal(response.headers.get('content-range'), `bytes 1048570-1048585/${CONTENT.length}`);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(CONTENT.subarray(1048570, 1048586)));
    const suffix = await fetch(signed, { headers: { Range: 'bytes=-10' } });
    assert.equal(suffix.status, 206);
    assert.ok(Buffer.from(await suffix.arrayBuffer()).equals(CONTENT.subarray(CONTENT.length - 10)));
    const beyond = await fetch(signed, { headers: { Range: `bytes=${CONTENT.length}-` } });
    assert.equal(beyond.status, 416);
    await beyond.arrayBuffer();
  });

  it('If-None-Match with the file’s ETag is answered 304 by the server, before any offload', async () => {
    const response = await fetch(signed, { headers: { 'If-None-Match': etag } });
    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), etag);
    const other = await fetch(signed, { headers: { 'If-None-Match': '"something-else"' } });
    assert.equal(other.status, 200);
    assert.equal((await other.arrayBuffer()).byteLength, CONTENT.length);
  });

  it('HEAD gives the length without the body; a tampered link is refused before nginx sees a path', async () => {
    const head = await fetch(signed, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(CONTENT.length));
    const tampered = await fetch(signed.replace(/([?&]s=)[^&]/, '$1A'));
    assert.equal(tampered.status, 403);
    assert.equal((await tampered.json()).code, 'InvalidSignature');
    const direct = await fetch(`${nginx.url}${PREFIX}${'ab/cd/whatever'}`);
    assert.equal(direct.status, 404, 'the internal location is not reachable from outside');
    await direct.arrayBuffer();
  });
});

describe('download offload to Apache/lighttpd (X-Sendfile)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ ...LOCAL_BLOBS, OPENSMH_DOWNLOAD_OFFLOAD: 'x-sendfile' });
  });
  after(async () => {
    await server.close();
  });

  it('names the blob file holding exactly the bytes, with the headers and no body', async () => {
    const { library, token, etag } = await uploaded(server);
    const response = await fetch(await downloadLocation(server, library, token, 'clip.mp4'));
    assert.equal(response.status, 200);
    const path = response.headers.get('x-sendfile') as string;
    assert.ok(path.startsWith(join(server.dataDir, 'blobs', 'blobs')), path);
    assert.ok((await readFile(path)).equals(CONTENT));
    assert.equal(response.headers.get('etag'), etag);
    assert.equal((await response.arrayBuffer()).byteLength, 0);
    const redirect = await call(server, 'GET', fileUrl(library, 'clip.mp4', token));
    assert.equal(redirect.status, 302, 'the API answer is unchanged');
  });
});
