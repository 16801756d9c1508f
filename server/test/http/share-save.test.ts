import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { quotaOk, tenantLibrary, usageOf } from '../helpers/quota-client.js';
import { makeShare, shareFile, shareToken } from '../helpers/share-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, download, type Library, makeDirectory, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Saving a share into one's own space: B2 with `share_access_token` and `/share/file/{code}?save=1`, also across libraries. */
describe('share links: save to my space', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function owner(): Promise<{ library: Library; admin: string; alice: string }> {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    await makeDirectory(server, library, admin, 'docs/sub');
    await makeDirectory(server, library, admin, 'private');
    assert.equal((await uploadFile(server, library, admin, 'docs/a.txt', 'hello')).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'docs/sub/b.txt', 'bee')).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'private/secret.txt', 'secret')).status, 200);
    const alice = await createToken(server, library, { user_id: 'alice' });
    return { library, admin, alice };
  }

  const entry = (library: Library, space: string, path: string) => server.stores.meta.entries.get(library.libraryId, space, path);
  const batchCopy = (library: Library, space: string, token: string, shareAccess: string, body: unknown) =>
    call(server, 'POST', `/api/v1/batch/${library.libraryId}/${space}${q(token, { copy: '1', share_access_token: shareAccess })}`, { body });

  it('copies files and trees of a share into another library; blobs are shared, bytes count in the destination', async () => {
    const { library, alice } = await owner();
    const share = await makeShare(server, library, alice, ['docs'], { canSaveToNetdisk: true });
    const token = await shareToken(server, share.code);
    const { library: mine, admin: me, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    await quotaOk(server, mine, me, { spaces, capacity: '12' });

    const saved = await batchCopy(mine, space, me, token, [
      { copyFrom: 'docs/a.txt', to: 'a.txt', copyFromLibraryId: library.libraryId, copyFromSpaceId: '-' },
      { copyFrom: 'docs/sub', to: 'from-share/sub' },
    ]);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(saved.body.result.map((item: any) => [item.status, item.path]), [[200, ['a.txt']], [204, ['from-share', 'sub']]]);
    assert.equal((await download(server, mine, me, 'a.txt', space)).toString(), 'hello');
    assert.equal((await download(server, mine, me, 'from-share/sub/b.txt', space)).toString(), 'bee');
    assert.equal((await usageOf(server, mine, me, space)).size, '8');

    const source = await entry(library, '-', 'docs/a.txt');
    const copy = await entry(mine, space, 'a.txt');
    assert.equal(copy?.libraryId, mine.libraryId);
    assert.equal(copy?.blobKey, source?.blobKey, 'no bytes copied');
    assert.equal((await server.stores.meta.blobs.get(source?.blobKey as string))?.refCount, 2);

    // Quota of the destination: 8 of 12 used, another 8 do not fit.
    const again = await batchCopy(mine, space, me, token, [{ copyFrom: 'docs', to: 'docs' }]);
    assert.equal(again.status, 207, JSON.stringify(again.body));
    assert.deepEqual([again.body.result[0].status, again.body.result[0].code], [400, 'QuotaLimitReached']);
    assert.equal((await usageOf(server, mine, me, space)).size, '8');
  });

  it('refuses what lies outside the share, foreign tokens and shares that forbid saving', async () => {
    const { library, admin, alice } = await owner();
    const share = await makeShare(server, library, alice, ['docs/sub'], { canSaveToNetdisk: true });
    const token = await shareToken(server, share.code);
    const mine = await createLibrary(server);
    const me = await adminToken(server, mine);
    const outside = await batchCopy(mine, '-', me, token, [
      { copyFrom: 'private/secret.txt', to: 'secret.txt' },
      { copyFrom: 'docs/sub/../../private/secret.txt', to: 'secret.txt' },
      { copyFrom: 'docs/a.txt', to: 'a.txt' },
      { copyFrom: 'docs/sub/b.txt', to: 'b.txt' },
    ]);
    assert.equal(outside.status, 207, JSON.stringify(outside.body));
    assert.deepEqual(
      outside.body.result.map((item: any) => item.code ?? item.status),
      ['FileNotInShare', 'IllegalFileName', 'FileNotInShare', 200],
    );
    assertSmhError(await batchCopy(mine, '-', me, token, [{ copyFrom: 'docs/sub/b.txt', to: 'c.txt', copyFromLibraryId: mine.libraryId }]), 403, 'ShareTokenInvalid');
    assertSmhError(await batchCopy(mine, '-', me, token, [{ copyFrom: 'docs/sub/b.txt', to: 'c.txt', copyFromSpaceId: 'other' }]), 403, 'ShareTokenInvalid');
    assertSmhError(await batchCopy(mine, '-', me, 'forged', [{ copyFrom: 'docs/sub/b.txt', to: 'c.txt' }]), 403, 'ShareTokenInvalid');
    assertSmhError(await batchCopy(mine, '-', '', token, [{ copyFrom: 'docs/sub/b.txt', to: 'c.txt' }]), 400, 'EmptyAccessToken');
    const reader = await createToken(server, mine, { user_id: 'reader' });
    const readOnly = await batchCopy(mine, '-', reader, token, [{ copyFrom: 'docs/sub/b.txt', to: 'c.txt' }]);
    assert.deepEqual([readOnly.status, readOnly.body.result[0].code], [207, 'NoPermission']);
    // Without a share token another library is no source at all.
    const direct = await call(server, 'POST', `/api/v1/batch/${mine.libraryId}/-${q(me, { copy: '1' })}`, {
      body: [{ copyFrom: 'docs/a.txt', to: 'a.txt', copyFromLibraryId: library.libraryId }],
    });
    assertSmhError(direct, 400, 'ParamInvalid');

    const viewOnly = await makeShare(server, library, admin, ['docs'], { canDownload: true });
    const viewToken = await shareToken(server, viewOnly.code);
    assertSmhError(await batchCopy(mine, '-', me, viewToken, [{ copyFrom: 'docs/a.txt', to: 'a.txt' }]), 403, 'CannotSaveToNetDisk');
  });

  it('saves by inode through ?save=1 into a target folder', async () => {
    const { library, alice } = await owner();
    const share = await makeShare(server, library, alice, ['docs'], { canSaveToNetdisk: true });
    const token = await shareToken(server, share.code);
    const mine = await createLibrary(server);
    const me = await adminToken(server, mine);
    await makeDirectory(server, mine, me, 'inbox');
    const docs = (await shareFile(server, share.code, token, [], 'list')).body.contents[0].inode;
    const children = (await shareFile(server, share.code, token, [docs], 'list')).body.contents;
    const save = (body: Record<string, unknown>, shareAccess = token) =>
      call(server, 'POST', `/api/v1/share/file/${share.code}${q(me, { save: '1', share_access_token: shareAccess, library_id: mine.libraryId })}`, { body });
    const saved = await save({ targetSpaceId: '-', targetPath: 'inbox', sourceInodesPath: docs, inodes: children.map((item: any) => item.inode) });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(saved.body.result.map((item: any) => item.path), [['inbox', 'sub'], ['inbox', 'a.txt']]);
    assert.equal((await download(server, mine, me, 'inbox/sub/b.txt')).toString(), 'bee');
    const clash = await save({ targetSpaceId: '-', targetPath: 'inbox', sourceInodesPath: [docs], inodes: [children[1].inode], conflictResolutionStrategy: 'ask' });
    assert.deepEqual([clash.status, clash.body.result[0].code], [207, 'SameNameDirectoryOrFileExists']);
    const secret = (await server.stores.meta.entries.get(library.libraryId, '-', 'private/secret.txt'))?.id;
    assertSmhError(await save({ targetSpaceId: '-', inodes: [secret] }), 404, 'FileNotInShare');
    assertSmhError(await save({ targetSpaceId: '-', inodes: [] }), 400, 'NoItemsProvided');
    assertSmhError(await save({ targetSpaceId: '-', inodes: [docs] }, 'forged'), 403, 'ShareTokenInvalid');
  });
});
