import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeShare, shareCall, shareFile, shareToken } from '../helpers/share-client.js';
import { deleteEntry, recycle, restore } from '../helpers/recycle-client.js';
import { adminToken, assertSmhError, call, createLibrary, encodePath, type Library, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/**
 * What happens to a share when its files change (docs/architecture.md, "Share links"): items are
 * followed by inode, so renames and moves keep them shared; recycled or deleted items drop out,
 * restored ones come back; a share with nothing left answers ShareFileEmpty.
 */
describe('share links: shared files that move, go to the bin or are deleted', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function fixture(): Promise<{ library: Library; admin: string }> {
    const library = await createLibrary(server, { UseRecycleBin: true });
    const admin = await adminToken(server, library);
    await makeDirectory(server, library, admin, 'docs/sub');
    await makeDirectory(server, library, admin, 'elsewhere');
    assert.equal((await uploadFile(server, library, admin, 'docs/a.txt', 'hello')).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'docs/sub/b.txt', 'bee')).status, 200);
    return { library, admin };
  }

  const names = (response: { body: any }) => response.body.contents.map((item: any) => item.name);
  const move = (library: Library, token: string, kind: 'file' | 'directory', from: string, to: string) =>
    call(server, 'PUT', `/api/v1/${kind}/${library.libraryId}/-/${encodePath(to)}${q(token, { conflict_resolution_strategy: 'ask' })}`, { body: { from } });

  it('follows a renamed or moved item and shows what its shared folder holds now', async () => {
    const { library, admin } = await fixture();
    const share = await makeShare(server, library, admin, ['docs/a.txt', 'docs/sub'], { canDownload: true, canSaveToNetdisk: true });
    const token = await shareToken(server, share.code);
    assert.equal((await move(library, admin, 'file', 'docs/a.txt', 'elsewhere/renamed.txt')).status < 300, true);
    const top = await shareFile(server, share.code, token, [], 'list');
    assert.deepEqual(names(top), ['renamed.txt', 'sub']);
    const renamed = top.body.contents[0].inode;
    assert.equal((await shareFile(server, share.code, token, [renamed], 'download')).status, 302);

    // A file moved out of a shared folder leaves the share; one moved in joins it.
    const sub = top.body.contents[1].inode;
    const b = (await shareFile(server, share.code, token, [sub], 'list')).body.contents[0].inode;
    assert.equal((await move(library, admin, 'file', 'docs/sub/b.txt', 'elsewhere/b.txt')).status < 300, true);
    assertSmhError(await shareFile(server, share.code, token, [sub, b], 'download'), 404, 'FileNotInShare');
    assert.equal((await uploadFile(server, library, admin, 'docs/sub/new.txt', 'new')).status, 200);
    assert.deepEqual(names(await shareFile(server, share.code, token, [sub], 'list')), ['new.txt']);

    // The copy source follows too: B2 names the item by its current path.
    const mine = await createLibrary(server);
    const me = await adminToken(server, mine);
    const saved = await call(server, 'POST', `/api/v1/batch/${mine.libraryId}/-${q(me, { copy: '1', share_access_token: token })}`, {
      body: [{ copyFrom: 'elsewhere/renamed.txt', to: 'r.txt' }, { copyFrom: 'docs/a.txt', to: 'a.txt' }],
    });
    assert.deepEqual(saved.body.result.map((item: any) => item.code ?? item.status), [200, 'FileNotInShare']);
  });

  it('drops recycled items, brings restored ones back, and is empty once everything is gone', async () => {
    const { library, admin } = await fixture();
    const share = await makeShare(server, library, admin, ['docs/a.txt', 'docs/sub'], { canDownload: true });
    const token = await shareToken(server, share.code);
    const top = (await shareFile(server, share.code, token, [], 'list')).body.contents;
    const a = top.find((item: any) => item.name === 'a.txt').inode;

    const binned = await recycle(server, library, admin, 'file', 'docs/a.txt');
    assert.deepEqual(names(await shareFile(server, share.code, token, [], 'list')), ['sub']);
    assertSmhError(await shareFile(server, share.code, token, [a], 'download'), 404, 'FileNotInShare');
    assert.equal((await restore(server, library, admin, binned)).status, 200);
    assert.deepEqual(names(await shareFile(server, share.code, token, [], 'list')), ['a.txt', 'sub']);
    assert.equal((await shareFile(server, share.code, token, [a], 'download')).status, 302);

    assert.equal((await deleteEntry(server, library, admin, 'file', 'docs/a.txt', { permanent: '1' })).status, 204);
    await recycle(server, library, admin, 'dir', 'docs/sub');
    assertSmhError(await shareFile(server, share.code, token, [], 'list'), 404, 'ShareFileEmpty');
    const detail = await shareCall(server, 'GET', library, admin, String(share.id), { detail: '1', with_file_info: '1' });
    assert.equal(detail.body.fileInfo, null, 'the share itself stays until its owner deletes it');
    assert.equal((await call(server, 'GET', `/api/v1/share/url-detail/${share.code}`)).body.fileName, '');
  });

  it('ends with its library', async () => {
    const { library, admin } = await fixture();
    const share = await makeShare(server, library, admin, ['docs'], {});
    const token = await shareToken(server, share.code);
    const removed = await call(server, 'DELETE', `/admin/v1/library/${library.libraryId}?force=1`, {
      headers: { authorization: 'Bearer test-admin-key-0123456789' },
    });
    assert.ok(removed.status < 300, JSON.stringify(removed.body));
    assertSmhError(await shareFile(server, share.code, token, [], 'list'), 404, 'ShareNotFound');
    assertSmhError(await call(server, 'GET', `/api/v1/share/url-detail/${share.code}`), 404, 'ShareNotFound');
  });
});
