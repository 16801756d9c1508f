import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { searchUrl } from '../helpers/search-client.js';
import { adminToken, assertSmhError, call, createLibrary, type JsonResponse, type Library, makeDirectory, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Index search S4 (`search-fs`) and its aggregations S5 (`search-fs-stats`), dirs.md §8. */
describe('search-fs and search-fs-stats (S4, S5)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { EnableSearch: true });
    token = await adminToken(server, library);
    await makeDirectory(server, library, token, 'docs/sub');
    await makeDirectory(server, library, token, 'images');
    const files: [string, number][] = [
      ['docs/report-2024.pdf', 100], ['docs/notes.txt', 10], ['docs/sub/report-old.docx', 300],
      ['images/cat.png', 50], ['images/dog.jpg', 60], ['images/cat and dog.png', 70], ['song.mp3', 20],
    ];
    for (const [path, size] of files) {
      assert.equal((await uploadFile(server, library, token, path, 'x'.repeat(size))).status, 200);
    }
  });
  after(async () => {
    await server.close();
  });

  const fs = (body: unknown, extra: Record<string, string> = {}, lib = library, as = token): Promise<JsonResponse> =>
    call(server, 'POST', searchUrl(lib, as, 'search-fs', extra), { body });
  const stats = (body: unknown): Promise<JsonResponse> => call(server, 'POST', searchUrl(library, token, 'search-fs-stats'), { body });

  /** Follows nextMarker (in the body) to the end; returns every name. */
  async function all(body: Record<string, unknown>, limit: string): Promise<string[]> {
    const names: string[] = [];
    let marker = '';
    for (let pages = 0; pages < 50; pages += 1) {
      const response = await fs({ ...body, marker }, { limit });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.ok(response.body.contents.length <= Number(limit));
      names.push(...response.body.contents.map((item: { name: string }) => item.name));
      marker = response.body.nextMarker;
      assert.equal(typeof marker, 'string');
      if (marker === '') {
        return names;
      }
    }
    throw new Error('search-fs never finished');
  }

  it('is routed to S4, not to the continue-search route', async () => {
    const response = await fs({ keywords: ['report'] }, { with_inode: '1' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.contents.map((item: { name: string }) => item.name).sort(), ['report-2024.pdf', 'report-old.docx']);
    assert.equal(response.body.nextMarker, '');
    const item = response.body.contents.find((entry: { name: string }) => entry.name === 'report-2024.pdf');
    assert.deepEqual(item.path, ['docs', 'report-2024.pdf']);
    assert.equal(item.size, '100');
    assert.equal(typeof item.inode, 'string');
    const statsResponse = await stats({ aggregations: [{ field: 'size', operation: 'count' }] });
    assert.equal(statsResponse.status, 200, JSON.stringify(statsResponse.body));
  });

  it('pages with an opaque marker, every match exactly once, in any page size', async () => {
    const everything = (await all({}, '100')).sort();
    assert.equal(everything.length, 10);
    for (const limit of ['1', '3']) {
      assert.deepEqual((await all({}, limit)).sort(), everything);
    }
    assert.deepEqual((await all({ keywords: ['cat', 'dog'] }, '1')).sort(), ['cat and dog.png', 'cat.png', 'dog.jpg']);
  });

  it('refuses a marker from other criteria and a forged one', async () => {
    const first = await fs({ keywords: ['o'] }, { limit: '1' });
    assert.notEqual(first.body.nextMarker, '');
    assertSmhError(await fs({ keywords: ['a'], marker: first.body.nextMarker }, { limit: '1' }), 400, 'MarkerInvalid');
    assertSmhError(await fs({ marker: 'not-a-marker' }), 400, 'MarkerInvalid');
    const viaQuery = await fs({ keywords: ['o'] }, { limit: '1', marker: first.body.nextMarker });
    assert.equal(viaQuery.status, 200);
  });

  it('filters by extension, type, size, time and scope', async () => {
    const names = async (body: unknown) => {
      const response = await fs(body, { limit: '100' });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.contents.map((item: { name: string }) => item.name).sort();
    };
    assert.deepEqual(await names({ inExtnames: ['png', '.JPG'] }), ['cat and dog.png', 'cat.png', 'dog.jpg']);
    assert.deepEqual(await names({ scope: 'images', excludeExtnames: ['.png'] }), ['dog.jpg']);
    assert.deepEqual(await names({ fileTypes: 'dir' }), ['docs', 'images', 'sub']);
    assert.deepEqual(await names({ fileTypes: ['file'], scope: 'docs' }), ['notes.txt', 'report-2024.pdf', 'report-old.docx']);
    assert.deepEqual(await names({ fileTypes: ['symlink'] }), []);
    assert.deepEqual(await names({ minFileSize: 60, maxFileSize: '100' }), ['cat and dog.png', 'dog.jpg', 'report-2024.pdf']);
    assert.deepEqual(await names({ modificationTimeEnd: '2000-01-01T00:00:00Z' }), []);
    assert.equal((await names({ modificationTimeStart: '2000-01-01T00:00:00Z' })).length, 10);
  });

  it('answers bad input with SMH errors', async () => {
    assertSmhError(await fs({ minFileSize: 10, maxFileSize: 5 }), 400, 'ParamInvalid');
    assertSmhError(await fs({ modificationTimeStart: '2024-02-01T00:00:00Z', modificationTimeEnd: '2024-01-01T00:00:00Z' }), 400, 'ParamInvalid');
    assertSmhError(await fs({ modificationTimeStart: 'yesterday' }), 400, 'InvalidTimeFormat');
    assertSmhError(await fs({ fileTypes: ['pictures'] }), 400, 'ParamInvalid');
    assertSmhError(await fs({ inExtnames: ['.averyveryverylongextension'] }), 400, 'ParamInvalid');
    assertSmhError(await fs({ keywords: 'cat' }), 400, 'ParamInvalid');
    assertSmhError(await fs({}, { limit: '101' }), 400, 'ParamInvalid');
    assertSmhError(await fs({ scope: 'nowhere' }), 404, 'DirectoryNotFound');
    assertSmhError(await fs({ type: 'filecontent', keywords: ['x'] }), 501, 'NotImplemented');
    const plain = await createLibrary(server);
    assertSmhError(await fs({}, {}, plain, await adminToken(server, plain)), 400, 'SearchNotEnabled');
  });

  it('aggregates: group with sub-aggregations, count, distinct, sum, min, max, average', async () => {
    const response = await stats({
      fileTypes: 'file',
      aggregations: [
        { field: 'extName', operation: 'group', subAggregations: [{ field: 'size', operation: 'sum' }] },
        { field: 'size', operation: 'count' },
        { field: 'fileType', operation: 'distinct' },
        { field: 'size', operation: 'sum' },
        { field: 'size', operation: 'average' },
      ],
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.isTruncated, false);
    const [groups, count, distinct, sum, average] = response.body.aggregations;
    assert.deepEqual(groups.groups[0], { value: '.png', count: 2, subAggregations: [{ field: 'size', operation: 'sum', value: 120 }] });
    assert.equal(groups.groups.length, 6);
    assert.deepEqual(count, { field: 'size', operation: 'count', value: 7 });
    assert.equal(distinct.value, new Set(['portable', 'text', 'word', 'image', 'audio']).size);
    assert.equal(sum.value, 610);
    assert.equal(average.value, 610 / 7);
    const scoped = await stats({ scope: 'images', aggregations: [{ field: 'size', operation: 'min' }, { field: 'size', operation: 'max' }] });
    assert.deepEqual(scoped.body.aggregations.map((agg: { value: number }) => agg.value), [50, 70]);
  });

  it('refuses malformed aggregations', async () => {
    for (const aggregations of [
      undefined,
      [],
      [{ field: 'size', operation: 'group' }],
      [{ field: 'name', operation: 'sum' }],
      [{ field: 'color', operation: 'count' }],
      [{ field: 'extName', operation: 'count', subAggregations: [{ field: 'size', operation: 'sum' }] }],
      [{ field: 'extName', operation: 'group', subAggregations: [{ field: 'category', operation: 'group' }] }],
      Array.from({ length: 6 }, () => ({ field: 'size', operation: 'count' })),
    ]) {
      assertSmhError(await stats({ aggregations }), 400, 'ParamInvalid');
    }
  });
});
