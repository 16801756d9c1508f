import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSmhError, call, createLibrary, createSpace, createToken, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** S4–S7: space extension (attributes), size and file count (core.md §4). */
describe('space extension', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { IsMultiSpace: true });
    admin = await createToken(server, library, { grant: 'admin' });
  });
  after(async () => {
    await server.close();
  });

  const L = () => library.libraryId;
  const getExt = (space: string, token = admin) => call(server, 'GET', `/api/v1/space/${L()}/${space}/extension${q(token)}`);
  const setExt = (space: string, body: unknown, token = admin) =>
    call(server, 'POST', `/api/v1/space/${L()}/${space}/extension${q(token)}`, { body });

  it('returns the defaults of a new space', async () => {
    const space = await createSpace(server, library, admin);
    const ext = await getExt(space);
    assert.equal(ext.status, 200);
    assert.deepEqual(ext.body, {
      isPublicRead: false,
      isMultiAlbum: false,
      allowPhoto: false,
      allowVideo: false,
      allowPhotoExtname: [],
      allowVideoExtname: [],
      allowFileExtname: [],
      recognizeSensitiveContent: false,
    });
  });

  it('replaces the boolean fields and keeps isMultiAlbum', async () => {
    const space = await createSpace(server, library, admin, { body: { isMultiAlbum: true, isPublicRead: true, allowPhoto: true } });
    const modified = await setExt(space, { allowVideo: true, allowVideoExtname: ['.mp4', '.MOV'], isMultiAlbum: false });
    assert.equal(modified.status, 204);
    assert.equal(modified.body, undefined);
    const ext = (await getExt(space)).body;
    assert.equal(ext.isMultiAlbum, true, 'isMultiAlbum is fixed at creation');
    assert.equal(ext.isPublicRead, false, 'an absent boolean means false');
    assert.equal(ext.allowPhoto, false);
    assert.equal(ext.allowVideo, true);
    assert.deepEqual(ext.allowVideoExtname, ['.mp4', '.mov']);
  });

  it('patches spaceTag: string sets, absent keeps, null clears', async () => {
    const space = await createSpace(server, library, admin, { body: { spaceTag: 'personal' } });
    assert.equal((await getExt(space)).body.spaceTag, 'personal');
    assert.equal((await setExt(space, { isPublicRead: true })).status, 204);
    assert.equal((await getExt(space)).body.spaceTag, 'personal');
    assert.equal((await setExt(space, { spaceTag: 'team' })).status, 204);
    assert.equal((await getExt(space)).body.spaceTag, 'team');
    assert.equal((await setExt(space, { spaceTag: null })).status, 204);
    assert.equal('spaceTag' in (await getExt(space)).body, false);
  });

  it('accepts an empty body as "everything off"', async () => {
    const space = await createSpace(server, library, admin, { body: { isPublicRead: true } });
    assert.equal((await call(server, 'POST', `/api/v1/space/${L()}/${space}/extension${q(admin)}`)).status, 204);
    assert.equal((await getExt(space)).body.isPublicRead, false);
  });

  it('rejects bad types', async () => {
    const space = await createSpace(server, library, admin);
    for (const body of [
      { isPublicRead: 'true' },
      { allowPhoto: 1 },
      { allowPhotoExtname: '.jpg' },
      { allowFileExtname: ['jpg'] },
      { allowVideoExtname: [1] },
      { spaceTag: 5 },
      { recognizeSensitiveContent: {} },
      ['isPublicRead'],
      '"text"',
      '42',
    ]) {
      assertSmhError(await setExt(space, body), 400, 'ParamInvalid');
    }
    assert.equal((await getExt(space)).body.isPublicRead, false, 'nothing changed');
  });

  it('needs space_admin to modify but any bound token to read', async () => {
    const space = await createSpace(server, library, admin);
    const reader = await createToken(server, library, { space_id: space });
    assert.equal((await getExt(space, reader)).status, 200);
    assertSmhError(await setExt(space, {}, reader), 403, 'NoPermission');
    const spaceAdmin = await createToken(server, library, { space_id: space, grant: 'space_admin' });
    assert.equal((await setExt(space, { isPublicRead: true }, spaceAdmin)).status, 204);
  });

  it('lets public-read spaces be read without a token', async () => {
    const open = await createSpace(server, library, admin, { body: { isPublicRead: true } });
    const closed = await createSpace(server, library, admin);
    assert.equal((await call(server, 'GET', `/api/v1/space/${L()}/${open}/extension`)).status, 200);
    assert.equal((await call(server, 'GET', `/api/v1/directory/${L()}/${open}`)).status, 200);
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/${closed}/extension`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'POST', `/api/v1/space/${L()}/${open}/extension`, { body: {} }), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'PUT', `/api/v1/directory/${L()}/${open}/x`), 400, 'EmptyAccessToken');
  });

  it('answers 404 for an unknown space', async () => {
    assertSmhError(await getExt('nosuchspace'), 404, 'SpaceNotFound');
    assertSmhError(await setExt('nosuchspace', {}), 404, 'SpaceNotFound');
  });
});

describe('space extension in a single-tenant library', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('returns the library settings', async () => {
    const library = await createLibrary(server, {
      IsFileLibrary: false,
      IsPublicRead: true,
      IsMultiAlbum: true,
      AllowVideo: false,
      AllowPhotoExtName: ['.png'],
    });
    const token = await createToken(server, library);
    const ext = await call(server, 'GET', `/api/v1/space/${library.libraryId}/-/extension${q(token)}`);
    assert.equal(ext.status, 200);
    assert.deepEqual(ext.body, {
      isPublicRead: true,
      isMultiAlbum: true,
      allowPhoto: true,
      allowVideo: false,
      allowPhotoExtname: ['.png'],
      allowVideoExtname: [],
      allowFileExtname: [],
      recognizeSensitiveContent: false,
    });
    assertSmhError(await call(server, 'GET', `/api/v1/space/${library.libraryId}/other/extension${q(token)}`), 404, 'SpaceNotFound');
  });

  it('refuses to modify it through the space API (settings live on the library)', async () => {
    const library = await createLibrary(server);
    const token = await createToken(server, library, { grant: 'admin' });
    const response = await call(server, 'POST', `/api/v1/space/${library.libraryId}/-/extension${q(token)}`, { body: { isPublicRead: true } });
    assertSmhError(response, 400, 'NotMultiSpaceLibrary');
  });
});

describe('space size and file count', () => {
  let server: TestServer;
  let library: Library;
  let admin: string;

  before(async () => {
    server = await startServer();
    library = await createLibrary(server, { IsMultiSpace: true });
    admin = await createToken(server, library, { grant: 'admin' });
  });
  after(async () => {
    await server.close();
  });

  const L = () => library.libraryId;

  it('reports size as a byte string and counts files and directories', async () => {
    const space = await createSpace(server, library, admin);
    const empty = await call(server, 'GET', `/api/v1/space/${L()}/${space}/size${q(admin)}`);
    assert.deepEqual(empty.body, { size: '0' });
    assert.equal((await call(server, 'PUT', `/api/v1/directory/${L()}/${space}/a/b${q(admin)}`)).status, 201);
    assert.equal((await uploadFile(server, library, admin, 'a/one.txt', '12345', { space })).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'two.txt', '1234567', { space })).status, 200);
    const size = await call(server, 'GET', `/api/v1/space/${L()}/${space}/size${q(admin)}`);
    assert.deepEqual(size.body, { size: '12' });
    const counts = await call(server, 'GET', `/api/v1/space/${L()}/${space}/file-count${q(admin)}`);
    assert.equal(counts.status, 200);
    assert.deepEqual(counts.body, { fileNum: '2', dirNum: '2', recycledFileNum: '0', recycledDirNum: '0', historyFileNum: '0' });
  });

  it('needs space_admin for the file count', async () => {
    const space = await createSpace(server, library, admin);
    const reader = await createToken(server, library, { space_id: space, grant: 'create_directory,upload_file' });
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/${space}/file-count${q(reader)}`), 403, 'NoPermission');
    assert.equal((await call(server, 'GET', `/api/v1/space/${L()}/${space}/size${q(reader)}`)).status, 200);
    const spaceAdmin = await createToken(server, library, { space_id: space, grant: 'space_admin' });
    assert.equal((await call(server, 'GET', `/api/v1/space/${L()}/${space}/file-count${q(spaceAdmin)}`)).status, 200);
  });

  it('reports the single-tenant space too', async () => {
    const single = await createLibrary(server);
    const token = await createToken(server, single, { grant: 'admin' });
    assert.equal((await uploadFile(server, single, token, 'f.txt', 'abc')).status, 200);
    assert.deepEqual((await call(server, 'GET', `/api/v1/space/${single.libraryId}/-/size${q(token)}`)).body, { size: '3' });
    const counts = await call(server, 'GET', `/api/v1/space/${single.libraryId}/-/file-count${q(token)}`);
    assert.equal(counts.body.fileNum, '1');
  });

  it('answers 404 for unknown spaces', async () => {
    assertSmhError(await call(server, 'GET', `/api/v1/space/${L()}/nosuchspace/file-count${q(admin)}`), 404, 'SpaceNotFound');
  });
});
