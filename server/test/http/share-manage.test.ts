import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tenantLibrary } from '../helpers/quota-client.js';
import { createShare, makeShare, shareCall } from '../helpers/share-client.js';
import { adminToken, assertSmhError, createLibrary, createToken, type Library, makeDirectory, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** The owner side of share links (dirs.md §11.1): create, detail, list, search, update, switches, delete. */
describe('share links: owner side', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function fixture(): Promise<{ library: Library; admin: string; alice: string; bob: string }> {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    await makeDirectory(server, library, admin, 'docs/sub');
    assert.equal((await uploadFile(server, library, admin, 'docs/a.txt', 'hello')).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'docs/sub/b.txt', 'bee')).status, 200);
    const alice = await createToken(server, library, { user_id: 'alice' });
    const bob = await createToken(server, library, { user_id: 'bob' });
    return { library, admin, alice, bob };
  }

  it('creates a share and reports it in SMH field names', async () => {
    const { library, alice } = await fixture();
    const expire = new Date(server.clock.now() + 3_600_000).toISOString();
    const created = await createShare(server, library, alice, {
      name: 'holiday',
      filePath: ['docs/a.txt', '/docs/sub/', 'docs/a.txt'],
      config: { expireTime: expire, extractionCode: 'ab12', canPreview: true, canDownload: true, canSaveToNetdisk: true },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const share = created.body;
    assert.equal(typeof share.id, 'number');
    assert.match(share.code, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(share.isPermanent, false);
    assert.equal(share.expireTime, expire);
    assert.match(share.createTime, /^\d{4}-/);
    assert.equal(share.endpoint, `${server.url}/api/v1/share/url-detail/${share.code}`);
    assert.deepEqual(share.domain.shareDomain, [new URL(server.url).host]);

    const detail = await shareCall(server, 'GET', library, alice, String(share.id), { detail: '1', with_file_info: '1' });
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    const d = detail.body;
    assert.equal(d.name, 'holiday');
    assert.equal(d.creatorId, 'alice');
    assert.equal(d.libraryId, library.libraryId);
    assert.equal(d.extractionCode, 'ab12');
    assert.equal(d.isExpired, false);
    assert.equal(d.ownerEnabled, true);
    assert.equal(d.adminEnabled, true);
    assert.equal(d.status, 2);
    assert.equal(d.canPreview && d.canDownload && d.canSaveToNetdisk, true);
    assert.equal(d.forbidAnonymousUser, false);
    assert.deepEqual([d.previewLimit, d.previewUsed, d.downloadLimit, d.downloadUsed, d.userLimit, d.userLimitUsed], [0, 0, 0, 0, 0, 0]);
    assert.deepEqual(d.fileInfo, { fileName: 'a.txt', fileType: 'file', size: '5' });
    assert.deepEqual(d.filePath, [['docs', 'a.txt'], ['docs', 'sub']], 'paths normalised, duplicates dropped');
    const plain = await shareCall(server, 'GET', library, alice, String(share.id), { detail: '1' });
    assert.equal(plain.body.fileInfo, undefined);

    server.clock.advance(3_600_000);
    assert.equal((await shareCall(server, 'GET', library, alice, String(share.id), { detail: '1' })).body.isExpired, true);
  });

  it('refuses bad create input with SMH codes', async () => {
    const { library, alice } = await fixture();
    const bad = (body: Record<string, unknown>) => createShare(server, library, alice, { name: 'x', filePath: ['docs/a.txt'], ...body });
    assertSmhError(await bad({ config: { isPermanent: false } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ config: { expireTime: new Date(server.clock.now() - 1000).toISOString() } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ config: { expireTime: 'tomorrow' } }), 400, 'InvalidTimeFormat');
    assertSmhError(await bad({ config: { isPermanent: true, extractionCode: '1234567' } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ config: { isPermanent: true, userLimit: 3 } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ filePath: [], config: { isPermanent: true } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ filePath: ['nope.txt'], config: { isPermanent: true } }), 404, 'PathNotFound');
    assertSmhError(await bad({ filePath: ['../etc'], config: { isPermanent: true } }), 400, 'IllegalFileName');
    assertSmhError(await bad({ filePath: [''], config: { isPermanent: true } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ name: '', config: { isPermanent: true } }), 400, 'ParamInvalid');
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}`);
    assertSmhError(await bad({ filePath: many, config: { isPermanent: true } }), 400, 'TooManyItems');
    assertSmhError(
      await bad({ filePath: ['docs'], config: { isPermanent: true, canDownload: true, downloadLimit: 2 } }),
      400,
      'ShareDownloadOrPreviewCountLimitOnlyAllowedSingleFile',
    );
    assertSmhError(await createShare(server, library, 'no-such-token', { name: 'x', filePath: ['docs'] }), 403, 'InvalidAccessToken');
    const flagged = await shareCall(server, 'POST', library, alice, '-', { delete: '1' }, { name: 'x', filePath: ['docs'], config: { isPermanent: true } });
    assertSmhError(flagged, 400, 'ParamInvalid');
    assert.match(flagged.body.message, /delete/);
    assert.equal((await shareCall(server, 'GET', library, alice, 'list')).body.contents.length, 0, 'an unknown action created nothing');
    assertSmhError(await shareCall(server, 'GET', library, alice, '1'), 404, 'RouteNotFound');
    const anonymous = await createShare(server, library, '', { name: 'x', filePath: ['docs'], config: { isPermanent: true } });
    assertSmhError(anonymous, 400, 'EmptyAccessToken');
  });

  it('lists own shares, lets admins see and search all, pages by marker', async () => {
    const { library, admin, alice, bob } = await fixture();
    const a1 = await makeShare(server, library, alice, ['docs/a.txt']);
    server.clock.advance(10);
    const a2 = await makeShare(server, library, alice, ['docs/sub']);
    server.clock.advance(10);
    const b1 = await makeShare(server, library, bob, ['docs']);
    const ids = (response: { body: any }) => response.body.contents.map((item: any) => item.id);

    const mine = await shareCall(server, 'GET', library, alice, 'list', { with_file_info: '1' });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(ids(mine), [a2.id, a1.id], 'newest first, only alice');
    assert.equal(mine.body.hasMore, false);
    assert.equal(mine.body.contents[0].fileInfo.fileName, 'sub');
    const all = await shareCall(server, 'GET', library, admin, 'list', { orderByType: 'asc' });
    assert.deepEqual(ids(all), [a1.id, a2.id, b1.id]);
    const bobs = await shareCall(server, 'GET', library, admin, 'list', { creatorId: 'bob' });
    assert.deepEqual(ids(bobs), [b1.id]);
    assert.deepEqual(ids(await shareCall(server, 'GET', library, bob, 'list', { creatorId: 'alice' })), [b1.id], 'creatorId is for admins');

    const first = await shareCall(server, 'GET', library, admin, 'list', { limit: '2', orderByType: 'asc' });
    assert.deepEqual(ids(first), [a1.id, a2.id]);
    assert.equal(first.body.hasMore, true);
    const second = await shareCall(server, 'GET', library, admin, 'list', { limit: '2', orderByType: 'asc', marker: first.body.marker });
    assert.deepEqual(ids(second), [b1.id]);
    assert.equal(second.body.hasMore, false);
    assertSmhError(await shareCall(server, 'GET', library, admin, 'list', { limit: '101' }), 400, 'ParamInvalid');
    assertSmhError(await shareCall(server, 'GET', library, admin, 'list', { marker: 'zz' }), 400, 'MarkerInvalid');

    await shareCall(server, 'POST', library, alice, String(a2.id), { update: '1' }, { name: 'Summer Photos' });
    const found = await shareCall(server, 'POST', library, admin, 'search', {}, { name: 'summer' });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(ids(found), [a2.id]);
    const byCreator = await shareCall(server, 'POST', library, admin, 'search', {}, { creatorId: 'alice', orderBy: 'name', orderByType: 'asc' });
    assert.deepEqual(ids(byCreator), [a2.id, a1.id]);
    assertSmhError(await shareCall(server, 'POST', library, alice, 'search', {}, { name: 'x' }), 403, 'NoPermission');
  });

  it('updates settings, resets counters; switches and delete follow owner and admin rules', async () => {
    const { library, admin, alice, bob } = await fixture();
    const share = await makeShare(server, library, alice, ['docs/a.txt'], { canDownload: true, downloadLimit: 5 });
    const updated = await shareCall(server, 'POST', library, alice, String(share.id), { update: '1' }, {
      name: 'renamed',
      config: { isPermanent: true, extractionCode: 'zz9', canDownload: true, downloadLimit: 2 },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.id, share.id);
    assert.equal(updated.body.code, share.code);
    const detail = (await shareCall(server, 'GET', library, alice, String(share.id), { detail: '1' })).body;
    assert.deepEqual([detail.name, detail.extractionCode, detail.downloadLimit, detail.downloadUsed], ['renamed', 'zz9', 2, 0]);

    assertSmhError(await shareCall(server, 'GET', library, bob, String(share.id), { detail: '1' }), 403, 'NoPermission');
    assertSmhError(await shareCall(server, 'POST', library, bob, String(share.id), { update: '1' }, { name: 'mine' }), 403, 'NoPermission');
    assertSmhError(await shareCall(server, 'DELETE', library, bob, String(share.id)), 403, 'NoPermission');
    assertSmhError(await shareCall(server, 'POST', library, alice, String(share.id), { setEnabled: '1' }, { adminEnabled: false }), 403, 'NoPermission');
    assertSmhError(await shareCall(server, 'POST', library, alice, String(share.id), { setEnabled: '1' }, {}), 400, 'ParamInvalid');
    assertSmhError(await shareCall(server, 'GET', library, alice, '999999', { detail: '1' }), 404, 'ShareNotFound');

    const off = await shareCall(server, 'POST', library, alice, String(share.id), { setEnabled: '1' }, { ownerEnabled: false });
    assert.equal(off.status, 204, JSON.stringify(off.body));
    const adminOff = await shareCall(server, 'POST', library, admin, String(share.id), { setEnabled: '1' }, { adminEnabled: false, ownerEnabled: true });
    assert.equal(adminOff.status, 204);
    const after = (await shareCall(server, 'GET', library, admin, String(share.id), { detail: '1' })).body;
    assert.deepEqual([after.ownerEnabled, after.adminEnabled], [true, false]);

    const other = await createLibrary(server);
    const otherAdmin = await adminToken(server, other);
    assertSmhError(await shareCall(server, 'GET', other, otherAdmin, String(share.id), { detail: '1' }), 404, 'ShareNotFound');

    const removed = await shareCall(server, 'DELETE', library, alice, String(share.id));
    assert.equal(removed.status, 204);
    assertSmhError(await shareCall(server, 'GET', library, admin, String(share.id), { detail: '1' }), 404, 'ShareNotFound');
    assertSmhError(await shareCall(server, 'DELETE', library, admin, String(share.id)), 404, 'ShareNotFound');
  });

  it('shares only from spaces the token reaches, in multi-tenant libraries too', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [mine, theirs] = spaces as [string, string];
    assert.equal((await uploadFile(server, library, admin, 'x.txt', 'x', { space: theirs })).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'm.txt', 'm', { space: mine })).status, 200);
    const user = await createToken(server, library, { user_id: 'u', space_id: mine });
    const body = { name: 's', filePath: ['x.txt'], config: { isPermanent: true } };
    assertSmhError(await createShare(server, library, user, body, theirs), 403, 'AccessTokenNotMatchSpace');
    const ok = await createShare(server, library, user, { ...body, filePath: ['m.txt'] }, mine);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const detail = await shareCall(server, 'GET', library, admin, String(ok.body.id), { detail: '1' });
    assert.equal(detail.body.spaceId, mine);
  });
});
