import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminToken, call, createLibrary, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { TEST_S3, USE_S3 } from '../helpers/test-stores.js';

describe('downloads straight from S3', { skip: USE_S3 ? false : 'needs s3 in OPENSMH_TEST_STORES' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_S3_PROXY_DOWNLOADS: 'false' });
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
});
