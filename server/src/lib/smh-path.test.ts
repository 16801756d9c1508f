import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmhError } from '../errors/smh-error.js';
import {
  extensionOf,
  isSameOrDescendant,
  joinPath,
  parseNonRootPath,
  parseSmhPath,
  renamedCandidate,
  toSegments,
  validateName,
} from './smh-path.js';

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: unknown) => error instanceof SmhError && error.code === code, `expected ${code}`);
}

describe('parseSmhPath', () => {
  it('returns canonical segments, name and parent', () => {
    const parsed = parseSmhPath('foo/bar/baz.txt');
    assert.equal(parsed.path, 'foo/bar/baz.txt');
    assert.deepEqual(parsed.segments, ['foo', 'bar', 'baz.txt']);
    assert.equal(parsed.name, 'baz.txt');
    assert.equal(parsed.parent, 'foo/bar');
  });

  it('treats empty, "/" and "//"-free slashes at the ends as the root or ignorable', () => {
    for (const raw of ['', '/']) {
      assert.deepEqual(parseSmhPath(raw), { path: '', segments: [], name: '', parent: '' });
    }
    assert.equal(parseSmhPath('/foo').path, 'foo');
    assert.equal(parseSmhPath('foo/').path, 'foo');
    assert.equal(parseSmhPath('/foo/bar/').path, 'foo/bar');
    assert.equal(parseSmhPath('/foo').parent, '');
  });

  it('rejects empty segments ("//") anywhere', () => {
    for (const raw of ['a//b', '//a', 'a//', '///']) {
      throwsCode(() => parseSmhPath(raw), 'IllegalFileName');
    }
  });

  it('rejects "." and ".." segments instead of resolving them', () => {
    for (const raw of ['..', '.', 'a/../b', 'a/./b', '../etc/passwd', 'a/..', '/..']) {
      throwsCode(() => parseSmhPath(raw), 'IllegalFileName');
    }
    // Dots inside a name are ordinary characters.
    assert.equal(parseSmhPath('a/..b/c..').path, 'a/..b/c..');
    assert.equal(parseSmhPath('.hidden').name, '.hidden');
  });

  it('rejects NUL, control characters, backslash and \\ : * ? " < > |', () => {
    for (const ch of ['\u0000', '\u0001', '\n', '\u007f', '\\', ':', '*', '?', '"', '<', '>', '|']) {
      throwsCode(() => parseSmhPath(`dir/a${ch}b`), 'IllegalFileName');
      throwsCode(() => parseSmhPath(`a${ch}b/file.txt`), 'IllegalFileName');
    }
  });

  it('allows other punctuation and non-ASCII names', () => {
    for (const name of ["a b (1).txt", 'é中文😀.png', "it's [x] {y} #%&+=,;@!~`$^'"]) {
      assert.equal(parseSmhPath(`d/${name}`).name, name);
    }
  });

  it('normalises to NFC so composed and decomposed names are the same entry', () => {
    const decomposed = 'Cafe\u0301/re\u0301sume\u0301.txt';
    const parsed = parseSmhPath(decomposed);
    assert.equal(parsed.path, 'Caf\u00e9/r\u00e9sum\u00e9.txt');
    assert.equal(parsed.path, parseSmhPath(parsed.path).path);
  });

  it('limits each name to 255 characters with the SMH code of its kind', () => {
    const ok = 'a'.repeat(255);
    const long = 'a'.repeat(256);
    assert.equal(parseSmhPath(`${ok}/${ok}`).name, ok);
    throwsCode(() => parseSmhPath(`dir/${long}`, 'file'), 'FileNameLengthExceed');
    throwsCode(() => parseSmhPath(`dir/${long}`, 'dir'), 'DirectoryNameLengthExceed');
    // An over-long parent is a directory name whatever the kind of the last segment.
    throwsCode(() => parseSmhPath(`${long}/file.txt`, 'file'), 'DirectoryNameLengthExceed');
  });

  it('counts characters, not UTF-16 units or bytes, and honours a smaller library limit', () => {
    assert.equal(parseSmhPath('😀'.repeat(255)).name.length, 510);
    throwsCode(() => parseSmhPath('😀'.repeat(256)), 'FileNameLengthExceed');
    assert.equal(parseSmhPath('abcde', 'file', 5).name, 'abcde');
    throwsCode(() => parseSmhPath('abcdef', 'file', 5), 'FileNameLengthExceed');
    throwsCode(() => parseSmhPath('abcdef/x', 'file', 5), 'DirectoryNameLengthExceed');
  });

  it('refuses absurdly long paths', () => {
    const deep = Array.from({ length: 40 }, () => 'b'.repeat(200)).join('/');
    throwsCode(() => parseSmhPath(deep), 'ParamInvalid');
  });
});

describe('parseNonRootPath', () => {
  it('refuses the root with the code of its kind', () => {
    throwsCode(() => parseNonRootPath('', 'file'), 'EmptyFileName');
    throwsCode(() => parseNonRootPath('/', 'dir'), 'EmptyPath');
    assert.equal(parseNonRootPath('/a/b', 'dir').path, 'a/b');
  });
});

describe('validateName', () => {
  it('accepts a plain name and rejects an empty one', () => {
    validateName('ok.txt', 'file');
    throwsCode(() => validateName('', 'file'), 'IllegalFileName');
    throwsCode(() => validateName('a/b', 'file'), 'IllegalFileName');
  });
});

describe('renamedCandidate', () => {
  it('inserts " (n)" before the extension of files', () => {
    assert.equal(renamedCandidate('file.docx', 1, false), 'file (1).docx');
    assert.equal(renamedCandidate('file.docx', 12, false), 'file (12).docx');
    assert.equal(renamedCandidate('archive.tar.gz', 2, false), 'archive.tar (2).gz');
    assert.equal(renamedCandidate('README', 1, false), 'README (1)');
  });

  it('treats a leading dot as part of the name, not an extension', () => {
    assert.equal(renamedCandidate('.bashrc', 1, false), '.bashrc (1)');
  });

  it('appends " (n)" to directory names even when they contain a dot', () => {
    assert.equal(renamedCandidate('bar', 1, true), 'bar (1)');
    assert.equal(renamedCandidate('v1.2', 3, true), 'v1.2 (3)');
  });
});

describe('small helpers', () => {
  it('joinPath, toSegments, isSameOrDescendant and extensionOf', () => {
    assert.equal(joinPath('', 'a'), 'a');
    assert.equal(joinPath('a/b', 'c'), 'a/b/c');
    assert.deepEqual(toSegments(''), []);
    assert.deepEqual(toSegments('a/b'), ['a', 'b']);
    assert.equal(isSameOrDescendant('a/b', 'a'), true);
    assert.equal(isSameOrDescendant('a', 'a'), true);
    assert.equal(isSameOrDescendant('ab', 'a'), false);
    assert.equal(isSameOrDescendant('x', ''), true);
    assert.equal(extensionOf('Photo.JPG'), '.jpg');
    assert.equal(extensionOf('.bashrc'), '');
    assert.equal(extensionOf('noext'), '');
  });
});
