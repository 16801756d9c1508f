import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, dirUrl, fileUrl, listDir, mkdir, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createSpace, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

// A few bytes are enough: types come from the extension, not from sniffing.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const MP4 = Buffer.from('....ftypisom');

describe('library types: albums and extension rules (dirs.md §3)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });
  const open = async (extension: Record<string, unknown>) => {
    library = await createLibrary(server, extension);
    token = await adminToken(server, library);
  };
  const upload = (path: string, content: Buffer | string = JPEG) => uploadFile(server, library, token, path, content);
  const uploadOk = async (path: string, content: Buffer | string = JPEG) => {
    const response = await upload(path, content);
    assert.equal(response.status, 200, `${path}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const move = (target: string, from: string, kind: 'file' | 'directory' = 'file') =>
    call(server, 'PUT', kind === 'file' ? fileUrl(library, target, token) : dirUrl(library, target, token), { body: { from } });
  const copy = (target: string, copyFrom: string, kind: 'file' | 'directory' = 'file') =>
    call(server, 'PUT', kind === 'file' ? fileUrl(library, target, token) : dirUrl(library, target, token), { body: { copyFrom } });

  describe('single-album media library', () => {
    it('refuses directories and keeps media in the root, typed image or video', async () => {
      await open({ IsFileLibrary: false });
      assertSmhError(await mkdir(server, library, token, 'album'), 400, 'DirectoryNotAllowed');
      assertSmhError(await mkdir(server, library, token, 'album', { conflict_resolution_strategy: 'rename' }), 400, 'DirectoryNotAllowed');
      assert.equal((await uploadOk('photo.jpg')).type, 'image');
      assert.equal((await uploadOk('clip.mp4', MP4)).type, 'video');
      assertSmhError(await upload('album/photo.jpg'), 400, 'DirectoryNotAllowed');
      assertSmhError(await upload('notes.txt', 'text'), 400, 'ExtnameNotAllowed');
      const listing = await listDir(server, library, token, '', { order_by: 'name' });
      assert.deepEqual(
        listing.body.contents.map((item: { name: string; type: string }) => [item.name, item.type]),
        [
          ['clip.mp4', 'video'],
          ['photo.jpg', 'image'],
        ],
      );
      const download = await call(server, 'GET', fileUrl(library, 'photo.jpg', token));
      assert.equal(download.headers.get('x-smh-type'), 'image');
      assert.equal(download.headers.get('x-smh-content-type'), 'image/jpeg');
      const info = await call(server, 'GET', dirUrl(library, 'clip.mp4', token, { info: '' }));
      assert.equal(info.body.type, 'video');
      assert.equal(info.body.fileType, 'video');
    });

    it('lists the root by upload time by default', async () => {
      await open({ IsFileLibrary: false });
      await uploadOk('b.jpg');
      server.clock.advance(1000);
      await uploadOk('a.jpg');
      assert.deepEqual(await childNames(server, library, token, ''), ['b.jpg', 'a.jpg']);
      assert.deepEqual(await childNames(server, library, token, '', { orderBy: 'name' }), ['a.jpg', 'b.jpg']);
    });

    it('renames media within the rules', async () => {
      await open({ IsFileLibrary: false });
      await uploadOk('photo.jpg');
      assert.deepEqual((await move('renamed.JPG', 'photo.jpg')).body.path, ['renamed.JPG']);
      assert.deepEqual((await copy('copy.png', 'renamed.JPG')).body.path, ['copy.png']);
      assertSmhError(await move('inside/renamed.jpg', 'renamed.JPG'), 400, 'DirectoryNotAllowed');
      assertSmhError(await move('renamed.txt', 'renamed.JPG'), 400, 'ExtnameNotAllowed');
      assertSmhError(await move('renamed.mp4', 'renamed.JPG'), 400, 'FileTypeNotMatched');
      assertSmhError(await copy('copy.mov', 'renamed.JPG'), 400, 'FileTypeNotMatched');
      assert.deepEqual(await childNames(server, library, token, '', { order_by: 'name' }), ['copy.png', 'renamed.JPG']);
    });
  });

  describe('multi-album media library', () => {
    it('allows one album level only, and nothing below it', async () => {
      await open({ IsFileLibrary: false, IsMultiAlbum: true });
      await mkdirOk(server, library, token, 'holiday');
      assertSmhError(await mkdir(server, library, token, 'holiday/day1'), 400, 'DirectoryLevelExceed');
      assertSmhError(await mkdir(server, library, token, 'new/day1'), 400, 'DirectoryLevelExceed');
      assert.deepEqual(await childNames(server, library, token, ''), ['holiday']);
      assertSmhError(await mkdir(server, library, token, 'holiday'), 409, 'SameNameDirectoryOrFileExists');
      const renamed = await mkdir(server, library, token, 'holiday', { conflict_resolution_strategy: 'rename' });
      assert.deepEqual(renamed.body.path, ['holiday (1)']);
      const albums = await listDir(server, library, token, '', { filter: 'onlyDir' });
      assert.deepEqual(
        albums.body.contents.map((item: { name: string; type: string }) => [item.name, item.type]),
        [
          ['holiday', 'dir'],
          ['holiday (1)', 'dir'],
        ],
      );
    });

    it('refuses uploads to the root and below an album, and non-media files', async () => {
      await open({ IsFileLibrary: false, IsMultiAlbum: true });
      await mkdirOk(server, library, token, 'holiday');
      assertSmhError(await upload('photo.jpg'), 400, 'UploadToRootDirectoryNotAllowed');
      assertSmhError(await upload('holiday/day1/photo.jpg'), 400, 'DirectoryLevelExceed');
      assertSmhError(await upload('holiday/notes.txt', 'text'), 400, 'ExtnameNotAllowed');
      assertSmhError(await upload('holiday/archive.zip', 'zip'), 400, 'ExtnameNotAllowed');
      assert.equal((await uploadOk('holiday/photo.jpg')).type, 'image');
      assert.equal((await uploadOk('holiday/clip.mov', MP4)).type, 'video');
      assert.deepEqual(await childNames(server, library, token, 'holiday', { order_by: 'name' }), ['clip.mov', 'photo.jpg']);
    });

    it('moves and copies media between albums but never to the root', async () => {
      await open({ IsFileLibrary: false, IsMultiAlbum: true });
      await mkdirOk(server, library, token, 'a');
      await mkdirOk(server, library, token, 'b');
      await uploadOk('a/photo.jpg');
      assert.deepEqual((await move('b/photo.jpg', 'a/photo.jpg')).body.path, ['b', 'photo.jpg']);
      assert.deepEqual((await copy('a/photo.jpg', 'b/photo.jpg')).body.path, ['a', 'photo.jpg']);
      assertSmhError(await move('photo.jpg', 'b/photo.jpg'), 400, 'UploadToRootDirectoryNotAllowed');
      assertSmhError(await copy('photo.jpg', 'b/photo.jpg'), 400, 'UploadToRootDirectoryNotAllowed');
      assertSmhError(await move('b/photo.txt', 'b/photo.jpg'), 400, 'ExtnameNotAllowed');
    });

    it('lists albums by name and media by upload time unless told otherwise', async () => {
      await open({ IsFileLibrary: false, IsMultiAlbum: true });
      await mkdirOk(server, library, token, 'zoo');
      server.clock.advance(1000);
      await mkdirOk(server, library, token, 'art');
      assert.deepEqual(await childNames(server, library, token, ''), ['art', 'zoo']);
      for (const name of ['z.jpg', 'm.mp4', 'a.jpg']) {
        server.clock.advance(1000);
        await uploadOk(`zoo/${name}`, name.endsWith('.mp4') ? MP4 : JPEG);
      }
      assert.deepEqual(await childNames(server, library, token, 'zoo'), ['z.jpg', 'm.mp4', 'a.jpg']);
      assert.deepEqual(await childNames(server, library, token, 'zoo', { order_by: 'name' }), ['a.jpg', 'm.mp4', 'z.jpg']);
      assert.deepEqual(await childNames(server, library, token, 'zoo', { order_by_type: 'desc' }), ['a.jpg', 'm.mp4', 'z.jpg']);
      const first = await listDir(server, library, token, 'zoo', { limit: '2' });
      const rest = await listDir(server, library, token, 'zoo', { limit: '2', marker: first.body.nextMarker });
      assert.deepEqual(rest.body.contents.map((item: { name: string }) => item.name), ['a.jpg']);
      assertSmhError(await listDir(server, library, token, 'zoo', { limit: '2', order_by: 'name', marker: first.body.nextMarker }), 404, 'MarkerNotFound');
    });

    it('renames and copies albums within one level', async () => {
      await open({ IsFileLibrary: false, IsMultiAlbum: true });
      await mkdirOk(server, library, token, 'a');
      await mkdirOk(server, library, token, 'b');
      await uploadOk('a/photo.jpg');
      assert.equal((await move('renamed', 'a', 'directory')).status, 204);
      assert.equal((await copy('twin', 'renamed', 'directory')).status, 204);
      assert.deepEqual(await childNames(server, library, token, 'twin'), ['photo.jpg']);
      assertSmhError(await move('b/inner', 'renamed', 'directory'), 400, 'DirectoryLevelExceed');
      assertSmhError(await copy('b/inner', 'renamed', 'directory'), 400, 'DirectoryLevelExceed');
      assert.deepEqual(await childNames(server, library, token, ''), ['b', 'renamed', 'twin']);
    });
  });

  describe('multi-tenant media library', () => {
    it('applies the album mode of each space', async () => {
      await open({ IsFileLibrary: false, IsMultiSpace: true });
      const albums = await createSpace(server, library, token, { body: { isMultiAlbum: true } });
      const flat = await createSpace(server, library, token, { body: { isMultiAlbum: false } });
      const inSpace = (space: string, path: string) => dirUrl(library, path, token, {}, space);
      assert.equal((await call(server, 'PUT', inSpace(albums, 'trip'))).status, 201);
      assertSmhError(await call(server, 'PUT', inSpace(albums, 'trip/day1')), 400, 'DirectoryLevelExceed');
      assertSmhError(await call(server, 'PUT', inSpace(flat, 'trip')), 400, 'DirectoryNotAllowed');
      assert.equal((await uploadFile(server, library, token, 'trip/a.jpg', JPEG, { space: albums })).body.type, 'image');
      assertSmhError(await uploadFile(server, library, token, 'a.jpg', JPEG, { space: albums }), 400, 'UploadToRootDirectoryNotAllowed');
      assert.equal((await uploadFile(server, library, token, 'a.jpg', JPEG, { space: flat })).status, 200);
      const moved = await call(server, 'PUT', fileUrl(library, 'trip/b.jpg', token, {}, albums), { body: { from: 'trip/a.jpg' } });
      assert.deepEqual(moved.body.path, ['trip', 'b.jpg']);
      assertSmhError(await listDir(server, library, token, ''), 404, 'SpaceNotFound');
    });
  });

  describe('extension allow-lists', () => {
    it('file libraries with AllowFileExtName accept only those extensions, in any case', async () => {
      await open({ AllowFileExtName: ['.txt', '.PDF'] });
      await mkdirOk(server, library, token, 'docs/deep/deeper');
      assert.equal((await uploadOk('docs/deep/deeper/a.txt', 'a')).type, 'file');
      assert.equal((await uploadOk('docs/B.TXT', 'b')).type, 'file');
      assert.equal((await uploadOk('docs/c.pdf', 'c')).type, 'file');
      assertSmhError(await upload('docs/d.exe', 'd'), 400, 'ExtnameNotAllowed');
      assertSmhError(await upload('docs/noext', 'd'), 400, 'ExtnameNotAllowed');
      assertSmhError(await move('docs/a.exe', 'docs/deep/deeper/a.txt'), 400, 'ExtnameNotAllowed');
      assertSmhError(await copy('docs/a.exe', 'docs/deep/deeper/a.txt'), 400, 'ExtnameNotAllowed');
      assert.deepEqual((await move('docs/a.pdf', 'docs/deep/deeper/a.txt')).body.path, ['docs', 'a.pdf']);
    });

    it('file libraries without a list accept anything, typed file', async () => {
      await open({});
      assert.equal((await uploadOk('photo.jpg')).type, 'file');
      assert.equal((await uploadOk('anything.bin', 'x')).type, 'file');
    });

    it('media libraries with AllowPhotoExtName accept only those photo types', async () => {
      await open({ IsFileLibrary: false, AllowPhotoExtName: ['.PNG'] });
      assert.equal((await uploadOk('a.png')).type, 'image');
      assertSmhError(await upload('b.jpg'), 400, 'ExtnameNotAllowed');
      assert.equal((await uploadOk('c.mp4', MP4)).type, 'video');
    });

    it('media libraries with AllowVideo off refuse videos', async () => {
      await open({ IsFileLibrary: false, AllowVideo: false });
      assert.equal((await uploadOk('a.jpg')).type, 'image');
      assertSmhError(await upload('c.mp4', MP4), 400, 'ExtnameNotAllowed');
    });
  });
});
