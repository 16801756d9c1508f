import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmhError } from '../errors/smh-error.js';
import { parseSmhPath } from '../lib/smh-path.js';
import type { Library, Space } from '../stores/meta/meta-store.js';
import { checkDirectoryPlacement, checkFilePlacement, defaultListOrder, rulesFor, type SpaceRules } from './library-rules.js';
import { DEFAULT_SETTINGS, type LibrarySettings } from './library-settings.js';

const SPACE: Space = {
  libraryId: 'lib',
  spaceId: '-',
  userId: '',
  size: 0,
  createdAt: 0,
  extension: {
    isPublicRead: false,
    isMultiAlbum: false,
    allowPhoto: false,
    allowVideo: false,
    allowPhotoExtname: [],
    allowVideoExtname: [],
    allowFileExtname: [],
    recognizeSensitiveContent: false,
  },
};

function rules(settings: Partial<LibrarySettings>): SpaceRules {
  const library: Library = { id: 'lib', name: 'l', remark: '', secret: '', createdAt: 0, updatedAt: 0, settings: { ...DEFAULT_SETTINGS, ...settings } };
  return rulesFor(library, SPACE);
}

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: unknown) => error instanceof SmhError && error.code === code, `expected ${code}`);
}

const place = (r: SpaceRules, path: string) => checkFilePlacement(r, parseSmhPath(path), '');

describe('library rules', () => {
  it('file libraries take any depth and, with a list, only listed extensions in any case', () => {
    const open = rules({ isFileLibrary: true });
    assert.equal(place(open, 'a/b/c/d.exe'), 'file');
    checkDirectoryPlacement(open, parseSmhPath('a/b/c'));
    const listed = rules({ isFileLibrary: true, allowFileExtName: ['.TXT', '.pdf'] });
    assert.equal(place(listed, 'x/a.txt'), 'file');
    assert.equal(place(listed, 'x/b.PDF'), 'file');
    throwsCode(() => place(listed, 'x/c.exe'), 'ExtnameNotAllowed');
    throwsCode(() => place(listed, 'x/noext'), 'ExtnameNotAllowed');
  });

  it('single-album media libraries keep media in the root and refuse directories', () => {
    const media = rules({ isFileLibrary: false });
    assert.equal(place(media, 'a.jpg'), 'image');
    assert.equal(place(media, 'a.MP4'), 'video');
    throwsCode(() => place(media, 'a.txt'), 'ExtnameNotAllowed');
    throwsCode(() => place(media, 'album/a.jpg'), 'DirectoryNotAllowed');
    throwsCode(() => checkDirectoryPlacement(media, parseSmhPath('album')), 'DirectoryNotAllowed');
  });

  it('multi-album media libraries allow exactly one album level', () => {
    const albums = rules({ isFileLibrary: false, isMultiAlbum: true });
    checkDirectoryPlacement(albums, parseSmhPath('album'));
    throwsCode(() => checkDirectoryPlacement(albums, parseSmhPath('album/sub')), 'DirectoryLevelExceed');
    assert.equal(place(albums, 'album/a.png'), 'image');
    throwsCode(() => place(albums, 'a.png'), 'UploadToRootDirectoryNotAllowed');
    throwsCode(() => place(albums, 'album/sub/a.png'), 'DirectoryLevelExceed');
  });

  it('photo and video extension lists and switches narrow media libraries', () => {
    const pngOnly = rules({ isFileLibrary: false, allowPhotoExtName: ['.PNG'] });
    assert.equal(place(pngOnly, 'a.png'), 'image');
    throwsCode(() => place(pngOnly, 'a.jpg'), 'ExtnameNotAllowed');
    assert.equal(place(pngOnly, 'a.mp4'), 'video');
    const noVideo = rules({ isFileLibrary: false, allowVideo: false });
    throwsCode(() => place(noVideo, 'a.mp4'), 'ExtnameNotAllowed');
    // A listed extension decides even when its MIME type is not a photo one.
    const raw = rules({ isFileLibrary: false, allowPhotoExtName: ['.raw'] });
    assert.equal(place(raw, 'shot.raw'), 'image');
  });

  it('orders listings by name in file libraries and album roots, by upload time elsewhere', () => {
    assert.equal(defaultListOrder(rules({ isFileLibrary: true }), parseSmhPath('')), 'name');
    assert.equal(defaultListOrder(rules({ isFileLibrary: true }), parseSmhPath('a')), 'name');
    assert.equal(defaultListOrder(rules({ isFileLibrary: false, isMultiAlbum: true }), parseSmhPath('')), 'name');
    assert.equal(defaultListOrder(rules({ isFileLibrary: false, isMultiAlbum: true }), parseSmhPath('album')), 'creationTime');
    assert.equal(defaultListOrder(rules({ isFileLibrary: false }), parseSmhPath('')), 'creationTime');
  });
});
