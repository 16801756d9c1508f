import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTar, buildZip } from '../helpers/archives.js';
import { fileUrl } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('zip preview (files.md §8.9)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });
  const put = async (path: string, content: Buffer | string) => {
    const response = await uploadFile(server, library, token, path, content);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const preview = (path: string, extra: Record<string, string> = {}) => call(server, 'GET', fileUrl(library, path, token, { 'zip-preview': '', ...extra }));

  it('lists a zip flat and as a tree from its central directory', async () => {
    await put('a.zip', buildZip([{ name: 'docs/' }, { name: 'docs/readme.txt', data: 'hello', deflate: true }, { name: 'img/x.bin', data: 'xyz' }, { name: 'top.txt', data: '' }]));
    const flat = await preview('a.zip', { format: 'flat' });
    assert.equal(flat.status, 200, JSON.stringify(flat.body));
    assert.equal(flat.body.fileNumber, 4);
    assert.equal(flat.body.isTruncated, false);
    assert.deepEqual(
      flat.body.contents.map((item: { path: string[]; type: string; size: string }) => [item.path.join('/'), item.type, item.size]),
      [
        ['docs', 'dir', '0'],
        ['docs/readme.txt', 'file', '5'],
        ['img/x.bin', 'file', '3'],
        ['top.txt', 'file', '0'],
      ],
    );
    const nested = await preview('a.zip', { format: 'tree' });
    const names = (nodes: { name: string; children?: unknown[] }[]): unknown => nodes.map((n) => (n.children ? { [n.name]: names(n.children as never) } : n.name));
    assert.deepEqual(names(nested.body.contents), [{ docs: ['readme.txt'] }, { img: ['x.bin'] }, 'top.txt']);
  });

  it('lists tar and tar.gz archives', async () => {
    const entries = [{ name: 'd/' }, { name: 'd/f.txt', data: 'abc' }];
    await put('a.tar', await buildTar(entries));
    await put('a.tgz', await buildTar(entries, true));
    for (const name of ['a.tar', 'a.tgz']) {
      const response = await preview(name);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(
        response.body.contents.map((item: { path: string[] }) => item.path.join('/')),
        ['d', 'd/f.txt'],
      );
    }
  });

  it('lists at most 1000 entries and says so', async () => {
    await put('many.zip', buildZip(Array.from({ length: 1001 }, (_, i) => ({ name: `f${String(i).padStart(4, '0')}` }))));
    const response = await preview('many.zip');
    assert.equal(response.body.fileNumber, 1001);
    assert.equal(response.body.isTruncated, true);
    assert.equal(response.body.contents.length, 1000);
  });

  it('refuses what is no archive, and unsafe or damaged archives', async () => {
    await put('note.txt', 'just text');
    assertSmhError(await preview('note.txt'), 400, 'FileUncompressNotAllowed');
    assertSmhError(await preview('missing.zip'), 404, 'FileNotFound');
    assertSmhError(await preview('note.txt', { format: 'round' }), 400, 'ParamInvalid');
    await put('junk.zip', Buffer.from('PK this is not a zip at all'.repeat(10)));
    assertSmhError(await preview('junk.zip'), 400, 'ArchiveCorrupted');
    await put('junk.tgz', Buffer.from('not gzip'));
    assertSmhError(await preview('junk.tgz'), 400, 'ArchiveCorrupted');
    await put('evil.zip', buildZip([{ name: '../evil.txt', data: 'x' }]));
    assertSmhError(await preview('evil.zip'), 400, 'ArchiveEntryNotAllowed');
    await put('million.zip', buildZip([{ name: 'a.txt', data: 'a' }], { declaredEntryCount: 1_000_000 }));
    assertSmhError(await preview('million.zip'), 400, 'ArchiveLimitExceeded');
  });
});
