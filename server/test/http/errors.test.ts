import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminCall, assertSmhError, call, createLibrary, createToken, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** SMH error bodies (core.md §2.7) and CORS (§2.1, §2.5) on every kind of route. */
describe('error rendering', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    admin = await createToken(server, library, { grant: 'admin' });
  });
  after(async () => {
    await server.close();
  });

  it('renders {code, message, requestId} matching X-Request-Id', async () => {
    const response = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/missing${q(admin)}`);
    assertSmhError(response, 404, 'DirectoryNotFound');
    assert.deepEqual(Object.keys(response.body).sort(), ['code', 'message', 'requestId']);
    assert.match(response.body.requestId, /^[0-9a-f]{32}$/);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('x-smh-error-code'), 'DirectoryNotFound');
  });

  it('gives every response its own request id', async () => {
    const a = await call(server, 'GET', '/api/v1/nothing');
    const b = await call(server, 'GET', '/api/v1/nothing');
    assert.notEqual(a.body.requestId, b.body.requestId);
    const ok = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q(admin)}`);
    assert.match(ok.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
  });

  it('answers unknown routes and methods with RouteNotFound', async () => {
    assertSmhError(await call(server, 'GET', '/api/v1/nothing'), 404, 'RouteNotFound');
    assertSmhError(await call(server, 'GET', '/'), 404, 'RouteNotFound');
    assertSmhError(await call(server, 'PATCH', '/api/v1/token'), 404, 'RouteNotFound');
    assertSmhError(await call(server, 'GET', '/admin/v1/nothing'), 404, 'RouteNotFound');
  });

  it('rejects invalid JSON with BadRequest and wrong JSON types with ParamInvalid', async () => {
    const path = `/api/v1/space/${library.libraryId}/-/extension${q(admin)}`;
    assertSmhError(await call(server, 'POST', path, { body: '{"isPublicRead":' }), 400, 'BadRequest');
    assertSmhError(await call(server, 'POST', path, { body: '{bad json}', headers: { 'content-type': 'text/plain' } }), 400, 'BadRequest');
    assertSmhError(await adminCall(server, 'POST', '/admin/v1/library', { body: '[' }), 400, 'BadRequest');
    assertSmhError(await adminCall(server, 'POST', '/admin/v1/library', { body: { Name: ['x'] } }), 400, 'ParamInvalid');
    assertSmhError(await adminCall(server, 'POST', '/admin/v1/library', { body: '"just a string"' }), 400, 'ParamInvalid');
    const multi = await createLibrary(server, { IsMultiSpace: true });
    const multiAdmin = await createToken(server, multi, { grant: 'admin' });
    assertSmhError(await call(server, 'POST', `/api/v1/space/${multi.libraryId}${q(multiAdmin)}`, { body: { isMultiAlbum: 'no' } }), 400, 'ParamInvalid');
  });

  it('accepts empty bodies sent with a JSON content type', async () => {
    const multi = await createLibrary(server, { IsMultiSpace: true });
    const multiAdmin = await createToken(server, multi, { grant: 'admin' });
    const response = await call(server, 'POST', `/api/v1/space/${multi.libraryId}${q(multiAdmin)}`, {
      raw: '',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
  });

  it('rejects oversized JSON bodies', async () => {
    const response = await adminCall(server, 'POST', '/admin/v1/library', { body: `{"Name":"${'x'.repeat(5 * 1024 * 1024)}"}` });
    assertSmhError(response, 413, 'RequestEntityTooLarge');
  });

  it('renders malformed URLs as SMH errors', async () => {
    const response = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/%zz${q(admin)}`);
    assertSmhError(response, 400, 'BadRequest');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  it('renders over-long path parameters as URITooLong', async () => {
    assertSmhError(await call(server, 'GET', `/api/v1/space/${'x'.repeat(6000)}/count${q(admin)}`), 414, 'URITooLong');
  });

  it('sends HEAD errors without a body', async () => {
    for (const path of ['/api/v1/nothing', `/api/v1/directory/${library.libraryId}/-/missing${q(admin)}`, `/api/v1/file/${library.libraryId}/-/missing.txt`]) {
      const response = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      assert.ok(response.status >= 400, `${path}: ${response.status}`);
      assert.equal(await response.text(), '');
      assert.ok(response.headers.get('x-request-id'));
      assert.ok(response.headers.get('x-smh-error-code'));
    }
  });
});

describe('CORS', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    admin = await createToken(server, library, { grant: 'admin' });
  });
  after(async () => {
    await server.close();
  });

  const expose = (headers: Headers) => (headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());

  it('answers preflights with 204 and the Allow headers', async () => {
    for (const path of [`/api/v1/directory/${library.libraryId}/-/x`, '/api/v1/token', '/admin/v1/library', '/api/v1/nothing']) {
      const response = await call(server, 'OPTIONS', path, {
        headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,x-smh-meta-a' },
      });
      assert.equal(response.status, 204, path);
      assert.equal(response.body, undefined);
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /PUT/);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /DELETE/);
      assert.equal(response.headers.get('access-control-allow-headers'), 'authorization,x-smh-meta-a');
      assert.ok(response.headers.get('access-control-max-age'));
      assert.match(response.headers.get('vary') ?? '', /Origin/);
    }
  });

  it('allows any origin and exposes the request id and x-smh-* headers, on success and on error', async () => {
    const ok = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q(admin)}`);
    assert.equal(ok.headers.get('access-control-allow-origin'), '*');
    const failed = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-/missing${q(admin)}`, { headers: { origin: 'https://b.example' } });
    assert.equal(failed.headers.get('access-control-allow-origin'), 'https://b.example');
    for (const response of [ok, failed]) {
      const names = expose(response.headers);
      for (const name of ['x-request-id', 'x-smh-error-code', 'x-smh-type', 'x-smh-size', 'x-smh-crc64', 'x-smh-etag', 'location', 'etag']) {
        assert.ok(names.includes(name), `${name} in ${names.join(',')}`);
      }
    }
  });

  it('exposes custom x-smh-meta-* headers of a download', async () => {
    const uploaded = await uploadFile(server, library, admin, 'meta.txt', 'hello', { headers: { 'x-smh-meta-color': 'blue' } });
    assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
    const redirect = await call(server, 'GET', `/api/v1/file/${library.libraryId}/-/meta.txt${q(admin)}`, { headers: { origin: 'https://c.example' } });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('x-smh-meta-color'), 'blue');
    assert.ok(expose(redirect.headers).includes('x-smh-meta-color'));
    assert.ok(expose(redirect.headers).includes('x-smh-crc64'));
  });
});
