import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, call, createLibrary, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { TEST_S3, USE_S3 } from '../helpers/test-stores.js';

describe('downloads straight from S3', { skip: USE_S3 ? false : 'needs s3 in OPENSMH_TEST_STORES' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_S3_PROXY_DOWNLOADS: 'false', OPENSMH_S3_PROXY_UPLOADS: 'false' });
  });
  after(async () => {
    await server.close();
  });

  it('redirects to a presigned object-store URL that serves the bytes with the stored type and name', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    assert.equal((await uploadFile(server, library, token, 'report 1.csv', 'a,b\n1,2\n')).status, 200);
    const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/report%201.csv${q(token, { content_disposition: 'attachment' })}`);
    assert.equal(redirect.status, 302);
    const location = new URL(redirect.headers.get('location') as string);
    assert.equal(location.origin, new URL(TEST_S3.endpoint).origin);
    assert.ok(location.searchParams.has('X-Amz-Signature'));
    const response = await fetch(location);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; .*report%201\.csv/);
    assert.equal(await response.text(), 'a,b\n1,2\n');
    const info = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/report%201.csv${q(token, { info: '' })}`);
    assert.equal(new URL(info.body.cosUrl).origin, location.origin);
  });

  it('points simple upload targets at the bucket and checks the bytes at confirm', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const init = await call(server, 'PUT', `/api/v1/file/${library.libraryId}/-/direct.txt${q(token)}`);
    assert.equal(init.status, 201);
    assert.deepEqual(Object.keys(init.body).sort(), ['availableDomainNum', 'confirmKey', 'domain', 'expiration', 'headers', 'path']);
    assert.equal(init.body.domain, new URL(TEST_S3.endpoint).host);
    assert.ok(!init.body.path.includes('?'));
    const early = await call(server, 'POST', `/api/v1/file/${library.libraryId}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`);
    assert.equal(early.body.code, 'UploadIncomplete');
    const put = await fetch(`http://${init.body.domain}${init.body.path}`, { method: 'PUT', headers: init.body.headers, body: '123456789' });
    assert.equal(put.status, 200, await put.text());
    const bad = await call(server, 'POST', `/api/v1/file/${library.libraryId}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`, {
      body: { crc64: '1' },
    });
    assert.equal(bad.body.code, 'BadCrc64');
    const confirmed = await call(server, 'POST', `/api/v1/file/${library.libraryId}/-/${init.body.confirmKey}${q(token, { confirm: '' })}`, {
      body: { crc64: '11051210869376104954' },
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.size, '9');
    assert.equal(confirmed.body.eTag, '"25f9e794323b453885f5181f1b624d0b"');
    const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/direct.txt${q(token)}`);
    assert.equal(await (await fetch(redirect.headers.get('location') as string)).text(), '123456789');
  });
});
