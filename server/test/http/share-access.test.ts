import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeShare, shareCall, shareFile, shareToken, verify } from '../helpers/share-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, type Library, makeDirectory, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** The recipient side of share links: url-detail, verify, list, preview, download, and who may see what. */
describe('share links: recipient side', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function fixture(): Promise<{ library: Library; admin: string; alice: string }> {
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

  const inodeOf = async (library: Library, path: string) => (await server.stores.meta.entries.get(library.libraryId, '-', path))?.id as string;
  const names = (response: { body: any }) => response.body.contents.map((item: any) => item.name);

  it('shows the link, checks the code, lists beneath the shared paths only, previews and downloads', async () => {
    const { library, alice } = await fixture();
    const share = await makeShare(server, library, alice, ['docs'], { extractionCode: 'c0de', canPreview: true, canDownload: true });

    const detail = await call(server, 'GET', `/api/v1/share/url-detail/${share.code}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.needExtractionCode, true);
    assert.equal(detail.body.enabled, true);
    assert.equal(detail.body.isExpired, false);
    assert.equal(detail.body.fileName, 'docs');
    assert.equal(detail.body.userId, 'alice');
    assert.equal(detail.body.canSaveToNetDisc, false);
    assertSmhError(await call(server, 'GET', '/api/v1/share/url-detail/nosuchcode'), 404, 'ShareNotFound');

    assertSmhError(await verify(server, share.code, { extractionCode: 'nope' }), 403, 'ExtractionCodeInvalid');
    assertSmhError(await verify(server, share.code, {}), 403, 'ExtractionCodeInvalid');
    const verified = await verify(server, share.code, { extractionCode: 'c0de' });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    const token = verified.body.accessToken;
    assert.equal(Date.parse(verified.body.expireTime) - server.clock.now() <= 600_000, true);

    const top = await shareFile(server, share.code, token, [], 'list');
    assert.equal(top.status, 200, JSON.stringify(top.body));
    assert.deepEqual(names(top), ['docs']);
    const docs = top.body.contents[0];
    assert.deepEqual([docs.type, docs.spaceId, docs.size, docs.canDownload], ['dir', '-', '0', false]);
    const inside = await shareFile(server, share.code, token, [docs.inode], 'list');
    assert.deepEqual(names(inside), ['sub', 'a.txt']);
    assert.equal(inside.body.hasMore, false);
    const paged = await shareFile(server, share.code, token, [docs.inode], 'list', { limit: '1' });
    assert.deepEqual(names(paged), ['sub']);
    assert.equal(paged.body.hasMore, true);
    const next = await shareFile(server, share.code, token, [docs.inode], 'list', { limit: '1', marker: paged.body.marker });
    assert.deepEqual(names(next), ['a.txt']);
    const sub = inside.body.contents[0].inode;
    const b = (await shareFile(server, share.code, token, [docs.inode, sub], 'list')).body.contents[0];
    assert.deepEqual([b.name, b.size, b.canDownload, b.canPreview], ['b.txt', '3', true, true]);

    const download = await shareFile(server, share.code, token, [docs.inode, sub, b.inode], 'download');
    assert.equal(download.status, 302, JSON.stringify(download.body));
    assert.equal(download.headers.get('x-smh-size'), '3');
    const bytes = await fetch(download.headers.get('location') as string);
    assert.equal(await bytes.text(), 'bee');
    const preview = await shareFile(server, share.code, token, [docs.inode, sub, b.inode], 'preview');
    assert.equal(preview.status, 302);

    // Nothing outside the shared trees: not by inode, not by a chain that skips a level, not a directory download.
    const secret = await inodeOf(library, 'private/secret.txt');
    const privateDir = await inodeOf(library, 'private');
    assertSmhError(await shareFile(server, share.code, token, [secret], 'download'), 404, 'FileNotInShare');
    assertSmhError(await shareFile(server, share.code, token, [docs.inode, secret], 'download'), 404, 'FileNotInShare');
    assertSmhError(await shareFile(server, share.code, token, [privateDir], 'list'), 404, 'FileNotInShare');
    assertSmhError(await shareFile(server, share.code, token, [docs.inode, b.inode], 'download'), 404, 'FileNotInShare');
    assertSmhError(await shareFile(server, share.code, token, [docs.inode, '..', privateDir], 'list'), 404, 'FileNotInShare');
    assertSmhError(await shareFile(server, share.code, token, [docs.inode], 'download'), 404, 'FileNotFound');
    assertSmhError(await shareFile(server, share.code, token, [docs.inode], 'list', { limit: '101' }), 400, 'ParamInvalid');
    const counted = (await shareCall(server, 'GET', library, alice, String(share.id), { detail: '1' })).body;
    assert.deepEqual([counted.downloadUsed, counted.previewUsed], [1, 1]);
  });

  it('refuses bad, foreign, stale and expired share tokens, and dead shares', async () => {
    const { library, admin, alice } = await fixture();
    const share = await makeShare(server, library, alice, ['docs/a.txt'], { canDownload: true });
    const other = await makeShare(server, library, alice, ['docs/sub'], { canDownload: true });
    const token = await shareToken(server, share.code);
    const otherToken = await shareToken(server, other.code);
    const a = await inodeOf(library, 'docs/a.txt');
    assert.equal((await shareFile(server, share.code, token, [a], 'download')).status, 302);
    assertSmhError(await shareFile(server, share.code, otherToken, [a], 'download'), 403, 'ShareTokenInvalid');
    assertSmhError(await shareFile(server, share.code, 'garbage', [a], 'download'), 403, 'ShareTokenInvalid');
    assertSmhError(await shareFile(server, share.code, `${token}x`, [a], 'download'), 403, 'ShareTokenInvalid');
    assertSmhError(await shareFile(server, share.code, admin, [a], 'download'), 403, 'ShareTokenInvalid');
    assertSmhError(await shareFile(server, 'nosuchcode', token, [a], 'download'), 404, 'ShareNotFound');
    assertSmhError(await shareFile(server, share.code, token, [a], 'preview'), 403, 'CannotPreview');
    const previewOnly = await makeShare(server, library, alice, ['docs/a.txt'], { canPreview: true });
    const previewToken = await shareToken(server, previewOnly.code);
    assertSmhError(await shareFile(server, previewOnly.code, previewToken, [a], 'download'), 403, 'CannotDownload');
    assert.equal((await shareFile(server, previewOnly.code, previewToken, [a], 'preview')).status, 302);

    // An update voids the tokens issued before it.
    await shareCall(server, 'POST', library, alice, String(share.id), { update: '1' }, { name: 'again' });
    assertSmhError(await shareFile(server, share.code, token, [a], 'download'), 409, 'ShareHasBeenUpdated');
    const fresh = await shareToken(server, share.code);
    assert.equal((await shareFile(server, share.code, fresh, [a], 'download')).status, 302);

    // Disabled by the owner or by an admin.
    await shareCall(server, 'POST', library, alice, String(share.id), { setEnabled: '1' }, { ownerEnabled: false });
    assertSmhError(await shareFile(server, share.code, fresh, [a], 'download'), 403, 'ShareDisabled');
    assertSmhError(await verify(server, share.code), 403, 'ShareDisabled');
    const detail = await call(server, 'GET', `/api/v1/share/url-detail/${share.code}`);
    assert.equal(detail.body.enabled, false);
    await shareCall(server, 'POST', library, admin, String(share.id), { setEnabled: '1' }, { ownerEnabled: true, adminEnabled: false });
    assertSmhError(await shareFile(server, share.code, fresh, [a], 'download'), 403, 'ShareDisabled');
    await shareCall(server, 'POST', library, admin, String(share.id), { setEnabled: '1' }, { adminEnabled: true });
    assert.equal((await shareFile(server, share.code, fresh, [a], 'download')).status, 302);

    // Share tokens live ten minutes.
    server.clock.advance(601_000);
    assertSmhError(await shareFile(server, share.code, fresh, [a], 'download'), 403, 'ShareTokenInvalid');

    // Expired shares.
    const expiring = await makeShare(server, library, alice, ['docs/a.txt'], {
      isPermanent: false,
      expireTime: new Date(server.clock.now() + 60_000).toISOString(),
      canDownload: true,
    });
    const early = await shareToken(server, expiring.code);
    server.clock.advance(61_000);
    assertSmhError(await shareFile(server, expiring.code, early, [a], 'download'), 403, 'ShareExpired');
    assertSmhError(await verify(server, expiring.code), 403, 'ShareExpired');
    assert.equal((await call(server, 'GET', `/api/v1/share/url-detail/${expiring.code}`)).body.isExpired, true);

    // Deleted shares.
    await shareCall(server, 'DELETE', library, alice, String(other.id));
    assertSmhError(await shareFile(server, other.code, otherToken, [], 'list'), 404, 'ShareNotFound');
  });

  it('admits only signed-in, named and counted visitors where the share says so', async () => {
    const { library, alice } = await fixture();
    const bob = await createToken(server, library, { user_id: 'bob' });
    const carol = await createToken(server, library, { user_id: 'carol' });
    const elsewhere = await createLibrary(server);
    const dave = await createToken(server, elsewhere, { user_id: 'dave' });
    const named = await makeShare(server, library, alice, ['docs'], { forbidAnonymousUser: true, shareToUsers: ['bob'] });
    assertSmhError(await verify(server, named.code), 403, 'AnonymousNotAllowed');
    assertSmhError(await verify(server, named.code, { access_token: carol }), 403, 'ShareAccessDenied');
    assertSmhError(await verify(server, named.code, { access_token: 'bogus' }), 403, 'InvalidAccessToken');
    assert.equal((await verify(server, named.code, { access_token: bob })).status, 200);

    const counted = await makeShare(server, library, alice, ['docs'], { forbidAnonymousUser: true, userLimit: 2 });
    assert.equal((await verify(server, counted.code, { access_token: bob })).status, 200);
    assert.equal((await verify(server, counted.code, { access_token: bob })).status, 200, 'a returning visitor is not counted again');
    assert.equal((await verify(server, counted.code, { access_token: dave, libraryId: elsewhere.libraryId })).status, 200);
    assertSmhError(await verify(server, counted.code, { access_token: carol }), 403, 'UserLimitReached');
    const detail = (await shareCall(server, 'GET', library, alice, String(counted.id), { detail: '1' })).body;
    assert.equal(detail.userLimitUsed, 2);
  });

  it('rate-limits extraction code checks per share and client, even the right code once limited', async () => {
    const { library, alice } = await fixture();
    const share = await makeShare(server, library, alice, ['docs'], { extractionCode: '4242' });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      assertSmhError(await verify(server, share.code, { extractionCode: String(attempt) }), 403, 'ExtractionCodeInvalid');
    }
    assertSmhError(await verify(server, share.code, { extractionCode: 'x' }), 429, 'RateLimitExceeded');
    assertSmhError(await verify(server, share.code, { extractionCode: '4242' }), 429, 'RateLimitExceeded');
    const other = await makeShare(server, library, alice, ['docs'], { extractionCode: '4242' });
    assert.equal((await verify(server, other.code, { extractionCode: '4242' })).status, 200, 'another share is not blocked');
  });

  it('never counts more downloads than the limit, however many run in parallel', async () => {
    const { library, alice } = await fixture();
    const share = await makeShare(server, library, alice, ['docs/a.txt'], { canDownload: true, downloadLimit: 3, canPreview: true, previewLimit: 1 });
    const token = await shareToken(server, share.code);
    const a = await inodeOf(library, 'docs/a.txt');
    const results = await Promise.all(Array.from({ length: 12 }, () => shareFile(server, share.code, token, [a], 'download')));
    const statuses = results.map((response) => response.status).sort();
    assert.deepEqual(statuses, [302, 302, 302, 403, 403, 403, 403, 403, 403, 403, 403, 403]);
    for (const refused of results.filter((response) => response.status === 403)) {
      assertSmhError(refused, 403, 'FileDownloadCountLimitReached');
    }
    assert.equal((await shareFile(server, share.code, token, [a], 'preview')).status, 302);
    assertSmhError(await shareFile(server, share.code, token, [a], 'preview'), 403, 'FilePreviewCountLimitReached');
    const detail = (await shareCall(server, 'GET', library, alice, String(share.id), { detail: '1' })).body;
    assert.deepEqual([detail.downloadUsed, detail.previewUsed], [3, 1]);

    // An update starts the counters again.
    await shareCall(server, 'POST', library, alice, String(share.id), { update: '1' }, { name: 'again' });
    const fresh = await shareToken(server, share.code);
    assert.equal((await shareFile(server, share.code, fresh, [a], 'download')).status, 302);
  });
});
