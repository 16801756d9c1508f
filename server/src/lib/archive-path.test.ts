import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archiveEntryPath } from './archive-path.js';

describe('archive entry names', () => {
  const ok = (name: string) => archiveEntryPath(name, 255);
  const refused = (name: string) =>
    assert.throws(
      () => ok(name),
      (error: { code?: string }) => error.code === 'ArchiveEntryNotAllowed',
      name,
    );

  it('keeps ordinary relative names and drops . and empty segments', () => {
    assert.equal(ok('a/b.txt'), 'a/b.txt');
    assert.equal(ok('dir/'), 'dir');
    assert.equal(ok('./a//b/./c'), 'a/b/c');
    assert.equal(ok('./'), '');
    assert.equal(ok('ünï/cödé.txt'), 'ünï/cödé.txt');
  });

  it('refuses traversal, absolute names, backslashes and illegal names', () => {
    for (const name of ['../x', 'a/../../x', 'a/..', '/etc/passwd', 'C:/x', 'c:x', 'a\\b', '..\\x', 'a/b:c', 'a/\u0000b', `${'n'.repeat(256)}`]) {
      refused(name);
    }
  });
});
