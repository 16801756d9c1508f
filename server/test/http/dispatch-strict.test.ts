import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ActionTable, knownFlags } from '../../src/http/routes/action-dispatch.js';
import { DIRECTORY_ACTIONS, FILE_ACTIONS } from '../../src/http/routes/action-tables.js';
import { dirUrl, fileUrl, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, type JsonResponse, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
type SpecRow = [Method, string | null, string | null];

/** files.md §2.1, copied from the spec (not from the implementation) so a missing row shows. */
const SPEC_FILE: SpecRow[] = [
  ['PUT', 'virtual_file', null], ['PUT', 'convert', null], ['PUT', null, 'from'], ['PUT', null, 'copyFrom'],
  ['PUT', null, 'linkTo'], ['PUT', null, 'fromTemplate'], ['PUT', null, null],
  ['POST', 'multipart', null], ['POST', 'confirm', null], ['POST', 'renew', null], ['POST', 'uncompress', null], ['POST', null, null],
  ['GET', 'info', null], ['GET', 'preview', null], ['GET', 'upload', null], ['GET', 'zip-preview', null],
  ['GET', 'transcoding_template_id', null], ['GET', null, null],
  ['HEAD', null, null], ['DELETE', 'upload', null], ['DELETE', null, null],
];

/** dirs.md §1 D1–D12 on /api/v1/directory, plus files.md §8.8 `?update`. */
const SPEC_DIRECTORY: SpecRow[] = [
  ['PUT', 'calibrate', null], ['PUT', null, 'from'], ['PUT', null, 'copyFrom'], ['PUT', null, null],
  ['GET', 'info', null], ['GET', 'stats', null], ['GET', null, null], ['HEAD', null, null], ['DELETE', null, null],
  ['POST', 'update', null],
];

const METHODS: Method[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/** A plausible body and query for each operation, as a client that meant it would send. */
const BODIES: Record<string, unknown> = {
  from: { from: 'docs/a.txt' },
  copyFrom: { copyFrom: 'docs/a.txt' },
  linkTo: { linkTo: 'docs/a.txt' },
  fromTemplate: { fromTemplate: 'word.docx' },
  convert: { convertFrom: 'docs/a.txt' },
  uncompress: { targetPath: 'out' },
  virtual_file: { size: '10', contentType: 'text/plain' },
};
const EXTRA_QUERY: Record<string, Record<string, string>> = {
  calibrate: { stats_type: 'normal' },
  transcoding_template_id: { transcoding_template_id: 'h264_720p' },
  preview: { size: '100' },
};

describe('strict dispatch on shared paths (files.md §2.1, dirs.md §1)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'docs');
    await mkdirOk(server, library, token, 'empty');
    assert.equal((await uploadFile(server, library, token, 'docs/a.txt', 'hello')).status, 200);
  });
  after(async () => {
    await server.close();
  });

  /** The whole tree as the listing shows it, plus the space's size and counters. */
  async function snapshot(): Promise<unknown> {
    const tree: unknown[] = [];
    const walk = async (path: string) => {
      const listing = await call(server, 'GET', dirUrl(library, path, token, { limit: '1000' }));
      assert.equal(listing.status, 200, JSON.stringify(listing.body));
      for (const item of listing.body.contents) {
        const { name, type, size, eTag, crc64, modificationTime, versionId, labels, metaData } = item;
        const full = path === '' ? name : `${path}/${name}`;
        tree.push({ full, type, size, eTag, crc64, modificationTime, versionId, labels, metaData });
        if (type === 'dir') {
          await walk(full);
        }
      }
    };
    await walk('');
    const size = await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/size${q(token)}`);
    const count = await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/file-count${q(token)}`);
    return { tree, size: size.body, count: count.body };
  }

  function url(table: ActionTable, path: string, query: Record<string, string>): string {
    return table === FILE_ACTIONS ? fileUrl(library, path, token, query) : dirUrl(library, path, token, query);
  }

  async function send(table: ActionTable, method: Method, path: string, query: Record<string, string>, body?: unknown): Promise<JsonResponse> {
    return call(server, method, url(table, path, query), body === undefined ? {} : { body });
  }

  function assertRefused(response: JsonResponse, status: number, code: string, method: Method): void {
    if (method === 'HEAD') {
      assert.equal(response.status, status);
      assert.equal(response.headers.get('x-smh-error-code'), code);
      return;
    }
    assertSmhError(response, status, code);
    assert.equal(response.headers.get('location'), null, 'an error never redirects to a download');
  }

  for (const [table, spec] of [[FILE_ACTIONS, SPEC_FILE], [DIRECTORY_ACTIONS, SPEC_DIRECTORY]] as const) {
    it(`${table.name}: the table has exactly the spec's rows`, () => {
      const rows = table.routes.map((route) => [route.method, route.flag, route.bodyKey ?? null]);
      assert.deepEqual(
        rows.map((row) => JSON.stringify(row)).sort(),
        spec.map((row) => JSON.stringify(row)).sort(),
      );
    });

    it(`${table.name}: an unimplemented operation answers 501 and changes nothing`, async () => {
      const unimplemented = table.routes.filter((route) => route.handler === null);
      for (const route of unimplemented) {
        // On an existing entry and on a fresh path, where a fallback would create something.
        const paths = table === FILE_ACTIONS ? ['docs/a.txt', 'docs/new.txt'] : ['docs', 'fresh/dir'];
        for (const path of paths) {
          const before = await snapshot();
          const query = { ...(route.flag ? { [route.flag]: '1' } : {}), ...EXTRA_QUERY[route.flag ?? ''] };
          const body = BODIES[route.bodyKey ?? route.flag ?? ''];
          const response = await send(table, route.method, path, query, body);
          assertRefused(response, 501, 'NotImplemented', route.method);
          if (route.method !== 'HEAD') {
            assert.match(response.body.message, new RegExp(route.operation), 'the message names the operation');
          }
          assert.deepEqual(await snapshot(), before, `${route.method} ${path} ${route.operation} changed the space`);
        }
      }
    });

    it(`${table.name}: a flag on a method that does not define it is refused, never ignored`, async () => {
      const before = await snapshot();
      const path = table === FILE_ACTIONS ? 'docs/a.txt' : 'docs';
      let checked = 0;
      for (const flag of knownFlags(table)) {
        for (const method of METHODS) {
          if (table.routes.some((route) => route.method === method && route.flag === flag)) {
            continue;
          }
          // bare flag as iOS sends it; every such request must fail before doing anything
          const response = await call(server, method, `${url(table, path, {})}&${encodeURIComponent(flag)}`);
          assertRefused(response, 400, 'ParamInvalid', method);
          checked += 1;
        }
      }
      assert.ok(checked > 50);
      assert.deepEqual(await snapshot(), before);
    });
  }

  it('conflicting flags, body keys and misplaced parameters are refused', async () => {
    const before = await snapshot();
    const cases: [ActionTable, Method, string, Record<string, string>, unknown][] = [
      [FILE_ACTIONS, 'POST', 'docs/b.txt', { multipart: '', confirm: '' }, undefined],
      [FILE_ACTIONS, 'GET', 'docs/a.txt', { info: '1', preview: '1' }, undefined],
      [FILE_ACTIONS, 'GET', 'docs/a.txt', { info: '1', 'zip-preview': '1' }, undefined],
      [FILE_ACTIONS, 'DELETE', 'docs/a.txt', { upload: '', info: '' }, undefined],
      [FILE_ACTIONS, 'PUT', 'docs/b.txt', {}, { from: 'docs/a.txt', copyFrom: 'docs/a.txt' }],
      [FILE_ACTIONS, 'PUT', 'docs/b.txt', {}, { copyFrom: 'docs/a.txt', linkTo: 'docs/a.txt' }],
      [FILE_ACTIONS, 'PUT', 'docs/b.txt', { virtual_file: '1' }, { from: 'docs/a.txt' }],
      [FILE_ACTIONS, 'PUT', 'docs/b.pdf', {}, { convertFrom: 'docs/a.txt' }],
      [FILE_ACTIONS, 'POST', 'docs/a.txt', {}, { targetPath: 'out' }],
      [DIRECTORY_ACTIONS, 'PUT', 'fresh', { stats_type: 'normal' }, undefined],
      [DIRECTORY_ACTIONS, 'PUT', 'fresh', { calibrate: '1', stats: '1' }, undefined],
      [DIRECTORY_ACTIONS, 'PUT', 'fresh', {}, { from: 'docs', copyFrom: 'docs' }],
      [DIRECTORY_ACTIONS, 'DELETE', 'empty', { stats_type: 'normal' }, undefined],
      [DIRECTORY_ACTIONS, 'GET', 'docs', { info: '', stats: '1' }, undefined],
    ];
    for (const [table, method, path, query, body] of cases) {
      const response = await send(table, method, path, query, body);
      assertRefused(response, 400, 'ParamInvalid', method);
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('flags switched off with =0 select nothing; the flagless operation runs', async () => {
    const response = await send(FILE_ACTIONS, 'GET', 'docs/a.txt', { info: '1', preview: '0' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const listing = await send(DIRECTORY_ACTIONS, 'GET', 'docs', { info: '0', stats: 'false' });
    assert.equal(listing.status, 200);
    assert.ok(Array.isArray(listing.body.contents));
  });

  it('POST on a directory without ?update is no API', async () => {
    assertSmhError(await send(DIRECTORY_ACTIONS, 'POST', 'docs', {}), 404, 'RouteNotFound');
  });
});
