import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTar, buildZip } from '../helpers/archives.js';
import { treeOf, uncompress, uncompressTask } from '../helpers/archive-client.js';
import { spaceSize } from '../helpers/entry-client.js';
import { quotaOk, tenantLibrary } from '../helpers/quota-client.js';
import { waitForTask } from '../helpers/batch-client.js';
import { adminToken, assertSmhError, call, createLibrary, download, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('uncompress (files.md §8.9)', () => {
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
  const put = async (path: string, content: Buffer | string) => {
    const response = await uploadFile(server, library, token, path, content);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const text = async (path: string) => (await download(server, library, token, path)).toString();
  const big = Buffer.alloc(300_000, 'abcdefghij');

  it('extracts a zip into a new folder with its tree, bytes and sizes', async () => {
    await fresh();
    await put('a.zip', buildZip([{ name: 'docs/' }, { name: 'docs/readme.txt', data: 'hello', deflate: true }, { name: 'img/x.bin', data: big, deflate: true }, { name: 'top.txt', data: 'top' }]));
    const archiveSize = await spaceSize(server, library, token);
    const task = await uncompressTask(server, library, token, 'a.zip', { targetPath: 'out/here' });
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(task.result.path, ['out', 'here']);
    assert.deepEqual(task.result.paths, [['out', 'here', 'docs'], ['out', 'here', 'img'], ['out', 'here', 'top.txt']]);
    assert.equal(task.result.fileCount, 3);
    assert.deepEqual(await treeOf(server, library, token, 'out'), ['out/here/', 'out/here/docs/', 'out/here/docs/readme.txt:5', 'out/here/img/', `out/here/img/x.bin:${big.length}`, 'out/here/top.txt:3']);
    assert.equal(await text('out/here/docs/readme.txt'), 'hello');
    assert.ok((await download(server, library, token, 'out/here/img/x.bin')).equals(big));
    assert.equal(await spaceSize(server, library, token), archiveSize + 5 + big.length + 3);
  });

  it('extracts tar and tar.gz, renames a clashing top-level entry by default, fails whole under ask', async () => {
    await fresh();
    const entries = [{ name: 'd/' }, { name: 'd/f.txt', data: 'abc' }, { name: 'g.txt', data: 'g' }];
    await put('a.tar', await buildTar(entries));
    await put('a.tar.gz', await buildTar(entries, true));
    assert.equal((await uncompressTask(server, library, token, 'a.tar', { targetPath: 'x' })).status, 200);
    const again = await uncompressTask(server, library, token, 'a.tar.gz', { targetPath: '/x/' });
    assert.equal(again.status, 200, JSON.stringify(again));
    assert.deepEqual(again.result.paths, [['x', 'd (1)'], ['x', 'g (1).txt']]);
    assert.equal(await text('x/d (1)/f.txt'), 'abc');
    const before = await treeOf(server, library, token);
    const asked = await uncompressTask(server, library, token, 'a.tar', { targetPath: 'x' }, { conflict_resolution_strategy: 'ask' });
    assert.equal(asked.status, 400);
    assert.equal(asked.result.code, 'SameNameDirectoryOrFileExists');
    assert.deepEqual(await treeOf(server, library, token), before, 'nothing of a failed extraction is visible');
  });

  it('extracts only selectedFilePaths when given', async () => {
    await fresh();
    await put('a.zip', buildZip([{ name: 'keep/one.txt', data: '1' }, { name: 'keep/two.txt', data: '2' }, { name: 'skip.txt', data: 's' }]));
    const task = await uncompressTask(server, library, token, 'a.zip', { targetPath: 'o', selectedFilePaths: ['keep/two.txt'] });
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(await treeOf(server, library, token, 'o'), ['o/keep/', 'o/keep/two.txt:1']);
  });

  it('refuses unsafe, oversized and damaged archives before creating anything', async () => {
    await fresh();
    const cases: [string, Buffer, string][] = [
      ['dotdot.zip', buildZip([{ name: 'ok.txt', data: 'x' }, { name: 'a/../../evil.txt', data: 'x' }]), 'ArchiveEntryNotAllowed'],
      ['absolute.zip', buildZip([{ name: '/etc/evil', data: 'x' }]), 'ArchiveEntryNotAllowed'],
      ['link.zip', buildZip([{ name: 'ok.txt', data: 'x' }, { name: 'link', data: '/etc/passwd', mode: 0o120777 }]), 'ArchiveEntryNotAllowed'],
      ['link.tar', await buildTar([{ name: 'link', type: 'symlink', linkname: '../../x' }]), 'ArchiveEntryNotAllowed'],
      ['dotdot.tgz', await buildTar([{ name: '../x.txt', data: 'x' }], true), 'ArchiveEntryNotAllowed'],
      ['million.zip', buildZip([{ name: 'a.txt', data: 'a' }], { declaredEntryCount: 1_000_000 }), 'ArchiveLimitExceeded'],
      ['huge.zip', buildZip([{ name: 'huge.bin', data: 'tiny', deflate: true, declaredSize: 10_000_000_000 }]), 'ArchiveLimitExceeded'],
      ['bomb.zip', buildZip([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024), deflate: true }]), 'ArchiveLimitExceeded'],
      ['bomb.tar.gz', await buildTar([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }], true), 'ArchiveLimitExceeded'],
      ['corrupt.zip', Buffer.from('PK\u0003\u0004 garbage garbage garbage'), 'ArchiveCorrupted'],
      ['corrupt.tar', Buffer.alloc(1024, 7), 'ArchiveCorrupted'],
      ['dup.zip', buildZip([{ name: 'a.txt', data: '1' }, { name: 'a.txt', data: '2' }]), 'ArchiveEntryNotAllowed'],
    ];
    for (const [name, bytes] of cases) {
      await put(name, bytes);
    }
    const before = await treeOf(server, library, token);
    const size = await spaceSize(server, library, token);
    for (const [name, , code] of cases) {
      assertSmhError(await uncompress(server, library, token, name, { targetPath: `out-${name}` }), 400, code);
    }
    assertSmhError(await uncompress(server, library, token, 'dotdot.zip', {}), 400, 'InvalidDestinationPath');
    assertSmhError(await uncompress(server, library, token, 'missing.zip', { targetPath: 'o' }), 404, 'FileNotFound');
    assertSmhError(await uncompress(server, library, token, 'link.zip', { targetPath: 'o', password: 'secret' }), 400, 'FileUncompressNotAllowed');
    assert.deepEqual(await treeOf(server, library, token), before);
    assert.equal(await spaceSize(server, library, token), size);
  });

  it('leaves nothing behind when damage shows only while inflating', async () => {
    await fresh();
    // The directory is fine; the third entry's bytes do not match its CRC, found only when read.
    await put('bad.zip', buildZip([{ name: 'a.txt', data: 'aaa' }, { name: 'b.txt', data: big, deflate: true }, { name: 'c.txt', data: 'ccc', crc: 12345 }]));
    const before = await treeOf(server, library, token);
    const size = await spaceSize(server, library, token);
    const task = await uncompressTask(server, library, token, 'bad.zip', { targetPath: 'out' });
    assert.equal(task.status, 400, JSON.stringify(task));
    assert.equal(task.result.code, 'ArchiveCorrupted');
    assert.deepEqual(await treeOf(server, library, token), before);
    assert.equal(await spaceSize(server, library, token), size, 'staged bytes are released');
  });

  it('respects the quota: a full space stops the task and keeps nothing', async () => {
    const tenant = await tenantLibrary(server, 1);
    const space = tenant.spaces[0] as string;
    const uploaded = await uploadFile(server, tenant.library, tenant.admin, 'a.zip', buildZip([{ name: 'a.bin', data: big }, { name: 'b.bin', data: big }]), { space });
    assert.equal(uploaded.status, 200);
    const size = await spaceSize(server, tenant.library, tenant.admin, space);
    await quotaOk(server, tenant.library, tenant.admin, { spaces: [space], capacity: String(size + big.length + 10) });
    const task = await uncompressTask(server, tenant.library, tenant.admin, 'a.zip', { targetPath: 'out' }, {}, space);
    assert.equal(task.status, 400, JSON.stringify(task));
    assert.equal(task.result.code, 'QuotaLimitReached');
    assert.deepEqual(await treeOf(server, tenant.library, tenant.admin, '', space), [`a.zip:${size}`]);
    assert.equal(await spaceSize(server, tenant.library, tenant.admin, space), size);
  });

  it('extracts into another space of the library, and the task reads back through T3', async () => {
    const tenant = await tenantLibrary(server, 2);
    const [from, to] = tenant.spaces as [string, string];
    assert.equal((await uploadFile(server, tenant.library, tenant.admin, 'a.zip', buildZip([{ name: 'x.txt', data: 'x' }]), { space: from })).status, 200);
    const started = await uncompress(server, tenant.library, tenant.admin, 'a.zip', { targetPath: 'in', targetSpaceId: to }, {}, from);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const task = await waitForTask(server, tenant.library, tenant.admin, started.body.taskId, from);
    assert.equal(task.status, 200, JSON.stringify(task));
    assert.deepEqual(await treeOf(server, tenant.library, tenant.admin, '', to), ['in/', 'in/x.txt:1']);
    const archiveSize = await spaceSize(server, tenant.library, tenant.admin, from);
    assert.deepEqual(await treeOf(server, tenant.library, tenant.admin, '', from), [`a.zip:${archiveSize}`], 'the source space gains nothing');
    const v2 = await call(server, 'GET', `/api/v1/task-result/${tenant.library.libraryId}/${from}/${started.body.taskId}?access_token=${tenant.admin}`);
    assert.equal(v2.status, 200);
    assert.equal(v2.body.taskType, 'uncompress');
    assert.equal(v2.body.result.fileCount, 1);
  });
});
