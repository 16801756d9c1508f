import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, dirUrl, fileUrl, mkdirOk, rawRequest } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, download, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('paths: encodings and the SMH name rules (files.md §1.2, dirs.md §2.1)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });
  const fresh = async () => {
    library = await createLibrary(server);
    token = await adminToken(server, library);
  };
  const base = (kind: 'file' | 'directory') => `/api/v1/${kind}/${library.libraryId}/-/`;

  it('accepts %2F-encoded slashes (JS SDK) and raw slashes alike', async () => {
    await fresh();
    const made = await call(server, 'PUT', `${base('directory')}${encodeURIComponent('a/b/c')}${q(token)}`);
    assert.equal(made.status, 201);
    assert.deepEqual(await childNames(server, library, token, 'a/b'), ['c']);
    const listed = await call(server, 'GET', `${base('directory')}${encodeURIComponent('a/b')}${q(token)}`);
    assert.deepEqual(listed.body.path, ['a', 'b']);
    // Upload with raw slashes, download with encoded ones, and the other way round.
    assert.equal((await uploadFile(server, library, token, 'a/b/c/raw.txt', 'raw')).status, 200);
    const encoded = await call(server, 'GET', `${base('file')}${encodeURIComponent('a/b/c/raw.txt')}${q(token)}`);
    assert.equal(encoded.status, 302);
    assert.equal(encoded.headers.get('x-smh-size'), '3');
    const mixed = await call(server, 'GET', `${base('file')}a/${encodeURIComponent('b/c/raw.txt')}${q(token)}`);
    assert.equal(mixed.status, 302);
  });

  it('ignores a leading "/" however it is sent', async () => {
    await fresh();
    assert.equal((await call(server, 'PUT', `${base('directory')}${encodeURIComponent('/lead')}${q(token)}`)).status, 201);
    assert.equal((await call(server, 'PUT', `${base('directory')}/raw-lead${q(token)}`)).status, 201);
    assert.deepEqual(await childNames(server, library, token, ''), ['lead', 'raw-lead']);
    assert.equal((await uploadFile(server, library, token, 'lead/f.txt', 'f')).status, 200);
    assert.equal((await call(server, 'GET', `${base('file')}${encodeURIComponent('/lead/f.txt')}${q(token)}`)).status, 302);
    assert.equal((await call(server, 'HEAD', `${base('directory')}${encodeURIComponent('/lead/')}${q(token)}`)).status, 200);
  });

  it('keeps a literal "%" and other punctuation in names', async () => {
    await fresh();
    const names = ['100% #1 + more;&=.txt', 'a%2Fb.txt', "it's [ok] {x} ~!@$^,.txt", 'é 中文 😀.txt'];
    for (const name of names) {
      const up = await uploadFile(server, library, token, name, name);
      assert.equal(up.status, 200, `${name}: ${JSON.stringify(up.body)}`);
      assert.deepEqual(up.body.path, [name]);
    }
    assert.deepEqual((await childNames(server, library, token, '')).sort(), [...names].sort());
    for (const name of names) {
      assert.equal((await download(server, library, token, name)).toString(), name);
    }
  });

  it('normalises names to NFC', async () => {
    await fresh();
    const decomposed = 'Cafe\u0301';
    const composed = 'Caf\u00e9';
    await mkdirOk(server, library, token, decomposed);
    assert.deepEqual(await childNames(server, library, token, ''), [composed]);
    assert.equal((await uploadFile(server, library, token, `${composed}/re\u0301sume\u0301.txt`, 'cv')).status, 200);
    assert.equal((await download(server, library, token, `${decomposed}/r\u00e9sum\u00e9.txt`)).toString(), 'cv');
    assertSmhError(await call(server, 'PUT', dirUrl(library, composed, token)), 409, 'SameNameDirectoryOrFileExists');
  });

  it('accepts 255-character names and refuses 256 with the SMH codes', async () => {
    await fresh();
    const ok = 'n'.repeat(251);
    await mkdirOk(server, library, token, ok.padEnd(255, 'd'));
    assert.equal((await uploadFile(server, library, token, `${ok}.txt`, 'x')).status, 200);
    const long = 'n'.repeat(252);
    assertSmhError(await call(server, 'PUT', dirUrl(library, long.padEnd(256, 'd'), token)), 400, 'DirectoryNameLengthExceed');
    assertSmhError(await uploadFile(server, library, token, `${long}.txt`, 'x'), 400, 'FileNameLengthExceed');
    assertSmhError(await uploadFile(server, library, token, `${'d'.repeat(256)}/f.txt`, 'x'), 400, 'DirectoryNameLengthExceed');
    assertSmhError(await call(server, 'PUT', dirUrl(library, `parent/${'d'.repeat(256)}`, token)), 400, 'DirectoryNameLengthExceed');
    assertSmhError(await call(server, 'PUT', fileUrl(library, `${long}.txt`, token), { body: { from: `${ok}.txt` } }), 400, 'FileNameLengthExceed');
    assert.equal((await childNames(server, library, token, '')).length, 2);
  });

  it('honours a smaller MaxDirFileNameLength of the library', async () => {
    library = await createLibrary(server, { MaxDirFileNameLength: 8 });
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, '12345678');
    assertSmhError(await call(server, 'PUT', dirUrl(library, '123456789', token)), 400, 'DirectoryNameLengthExceed');
    assertSmhError(await uploadFile(server, library, token, '12345678/abcde.txt', 'x'), 400, 'FileNameLengthExceed');
    assertSmhError(await call(server, 'PUT', dirUrl(library, 'target', token), { body: { from: '123456789' } }), 400, 'DirectoryNameLengthExceed');
  });

  const BAD: [string, string][] = [
    ['a/../b', 'IllegalFileName'],
    ['..', 'IllegalFileName'],
    ['a/..', 'IllegalFileName'],
    ['a/./b', 'IllegalFileName'],
    ['.', 'IllegalFileName'],
    ['a//b', 'IllegalFileName'],
    ['a\u0000b', 'IllegalFileName'],
    ['a\\b', 'IllegalFileName'],
    ['a:b', 'IllegalFileName'],
    ['a*b', 'IllegalFileName'],
    ['a?b', 'IllegalFileName'],
    ['a"b', 'IllegalFileName'],
    ['a<b', 'IllegalFileName'],
    ['a>b', 'IllegalFileName'],
    ['a|b', 'IllegalFileName'],
    ['a\tb', 'IllegalFileName'],
  ];
  // The whole path in one encodeURIComponent (as the JS SDK sends it), so that fetch cannot
  // resolve '.' and '..' segments before they reach the server.
  const at = (kind: 'file' | 'directory', path: string) => `${base(kind)}${encodeURIComponent(path)}${q(token)}`;

  it('rejects bad directory paths and creates nothing', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'ok');
    for (const [path, code] of BAD) {
      for (const target of [path, `new/${path}`, `new/${path}/child`]) {
        assertSmhError(await call(server, 'PUT', dirUrl(library, 'moved', token), { body: { from: target } }), 400, code);
        assertSmhError(await call(server, 'PUT', dirUrl(library, 'copied', token), { body: { copyFrom: target } }), 400, code);
        if (target === '.' || target === '..') {
          continue; // a bare dot segment in the URL is the raw-request test's job
        }
        assertSmhError(await call(server, 'PUT', at('directory', target)), 400, code);
        assertSmhError(await call(server, 'PUT', at('directory', target), { body: { from: 'ok' } }), 400, code);
        assertSmhError(await call(server, 'PUT', at('directory', target), { body: { copyFrom: 'ok' } }), 400, code);
        assertSmhError(await call(server, 'GET', at('directory', target)), 400, code);
        assertSmhError(await call(server, 'DELETE', at('directory', target)), 400, code);
      }
    }
    assert.deepEqual(await childNames(server, library, token, ''), ['ok']);
    assert.deepEqual(await childNames(server, library, token, 'ok'), []);
  });

  it('rejects bad file paths and creates nothing', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'ok');
    assert.equal((await uploadFile(server, library, token, 'ok/f.txt', 'f')).status, 200);
    for (const [path, code] of BAD) {
      const target = `ok/${path}`;
      assertSmhError(await call(server, 'PUT', at('file', target)), 400, code);
      assertSmhError(await call(server, 'POST', at('file', target)), 400, code);
      assertSmhError(await call(server, 'PUT', at('file', target), { body: { from: 'ok/f.txt' } }), 400, code);
      assertSmhError(await call(server, 'PUT', at('file', target), { body: { copyFrom: 'ok/f.txt' } }), 400, code);
      assertSmhError(await call(server, 'PUT', fileUrl(library, 'ok/g.txt', token), { body: { from: target } }), 400, code);
      assertSmhError(await call(server, 'PUT', fileUrl(library, 'ok/g.txt', token), { body: { copyFrom: target } }), 400, code);
      assertSmhError(await call(server, 'GET', at('file', target)), 400, code);
      assertSmhError(await call(server, 'DELETE', at('file', target)), 400, code);
    }
    assert.deepEqual(await childNames(server, library, token, 'ok'), ['f.txt']);
    const counts = await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/file-count?access_token=${token}`);
    assert.equal(counts.body.fileNum, '1');
    assert.equal(counts.body.dirNum, '1');
  });

  it('rejects dot segments sent raw, unnormalised by the client', async () => {
    await fresh();
    await mkdirOk(server, library, token, 'ok/inner');
    const paths = ['ok/../escape', 'ok/%2E%2E/escape', 'ok%2F..%2Fescape', 'ok/./inner/x', '..', 'ok/inner/..'];
    for (const path of paths) {
      assertSmhError(await rawRequest(server, 'PUT', `${base('directory')}${path}${q(token)}`), 400, 'IllegalFileName');
      assertSmhError(await rawRequest(server, 'GET', `${base('file')}${path}${q(token)}`), 400, 'IllegalFileName');
    }
    assertSmhError(await rawRequest(server, 'PUT', `${base('directory')}ok//x${q(token)}`), 400, 'IllegalFileName');
    assert.deepEqual(await childNames(server, library, token, ''), ['ok']);
    assert.deepEqual(await childNames(server, library, token, 'ok'), ['inner']);
  });
});
