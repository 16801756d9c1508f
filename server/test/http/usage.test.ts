import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bytes, quotaOk, spaceUsage, tenantLibrary } from '../helpers/quota-client.js';
import { assertSmhError, call, createSpace, createToken, type Library, q, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** S11 library usage, S12 space usage, S13 size by space tag, S14 traffic (core.md §4). */
describe('usage and stats', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const libraryUsage = (library: Library, token: string) => call(server, 'GET', `/api/v1/usage/${library.libraryId}${q(token)}`);
  const put = async (library: Library, token: string, space: string, size: number) =>
    assert.equal((await uploadFile(server, library, token, `f${size}.bin`, bytes(size), { space })).status, 200);

  it('S11 without a library quota: unlimited, with allocated quotas and stored bytes', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    await put(library, admin, a, 10);
    await put(library, admin, b, 25);
    await quotaOk(server, library, admin, { spaces: [a], capacity: '300' });
    const usage = await libraryUsage(library, admin);
    assert.equal(usage.status, 200);
    assert.deepEqual(usage.body, { capacity: null, availableSpace: null, totalAllocatedSpaceQuota: '300', totalFileSize: '35' });
  });

  it('S11 with a library quota: allocated quotas count in full, spaces without quota by size', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2, { EnableQuota: true, LibraryQuota: 1000 });
    const [a, b] = spaces as [string, string];
    await quotaOk(server, library, admin, { spaces: [a], capacity: 300 });
    await put(library, admin, a, 10);
    await put(library, admin, b, 50);
    assert.deepEqual((await libraryUsage(library, admin)).body, { capacity: '1000', availableSpace: '650', totalAllocatedSpaceQuota: '300', totalFileSize: '60' });
  });

  it('S11 and S13 need admin', async () => {
    const { library, spaces } = await tenantLibrary(server, 1);
    const spaceAdmin = await createToken(server, library, { space_id: spaces[0] as string, grant: 'space_admin' });
    assertSmhError(await libraryUsage(library, spaceAdmin), 403, 'NoPermission');
    assertSmhError(await call(server, 'GET', `/api/v1/stats/${library.libraryId}/space-size${q(spaceAdmin)}`), 403, 'NoPermission');
    assertSmhError(await call(server, 'GET', `/api/v1/usage/${library.libraryId}`), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'GET', `/api/v1/usage/nosuchlibrary${q(spaceAdmin)}`), 404, 'LibraryNotFound');
  });

  it('S12 reports capacity, what is left and size per space', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 3);
    const [a, b, c] = spaces as [string, string, string];
    await quotaOk(server, library, admin, { spaces: [a, b], capacity: '100' });
    await put(library, admin, a, 30);
    await put(library, admin, b, 20);
    await put(library, admin, c, 7);
    const response = await spaceUsage(server, library, admin, [a, b, c]);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, [
      { spaceId: a, capacity: '100', availableSpace: '50', size: '30' },
      { spaceId: b, capacity: '100', availableSpace: '50', size: '20' },
      { spaceId: c, capacity: null, availableSpace: null, size: '7' },
    ]);
  });

  it('S12: a space admin sees its own spaces only; bad ids are refused', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    const other = await tenantLibrary(server, 1);
    const spaceAdmin = await createToken(server, library, { space_id: a, grant: 'space_admin' });
    const plain = await createToken(server, library, { space_id: a });
    assert.equal((await spaceUsage(server, library, spaceAdmin, [a])).status, 200);
    assertSmhError(await spaceUsage(server, library, spaceAdmin, [a, b]), 403, 'AccessTokenNotMatchSpace');
    assertSmhError(await spaceUsage(server, library, plain, [a]), 403, 'NoPermission');
    assertSmhError(await spaceUsage(server, library, admin, ['nosuchspace']), 404, 'SpaceNotFound');
    assertSmhError(await spaceUsage(server, library, admin, other.spaces), 404, 'SpaceNotFound');
    assertSmhError(await spaceUsage(server, library, admin, [a, '']), 400, 'EmptySpaceId');
  });

  it('S12 on a single-tenant library uses "-"', async () => {
    const { library, admin } = await tenantLibrary(server, 0, { IsMultiSpace: false });
    await put(library, admin, '-', 12);
    await quotaOk(server, library, admin, { capacity: '20' });
    assert.deepEqual((await spaceUsage(server, library, admin, ['-'])).body, [{ spaceId: '-', capacity: '20', availableSpace: '8', size: '12' }]);
  });

  it('S13 sums sizes per space tag, optionally for one tag', async () => {
    const { library, admin } = await tenantLibrary(server, 0);
    const team1 = await createSpace(server, library, admin, { body: { spaceTag: 'team' } });
    const team2 = await createSpace(server, library, admin, { body: { spaceTag: 'team' } });
    const personal = await createSpace(server, library, admin, { body: { spaceTag: 'personal' } });
    const untagged = await createSpace(server, library, admin);
    await put(library, admin, team1, 5);
    await put(library, admin, team2, 6);
    await put(library, admin, personal, 7);
    await put(library, admin, untagged, 8);
    const all = await call(server, 'GET', `/api/v1/stats/${library.libraryId}/space-size${q(admin)}`);
    assert.equal(all.status, 200);
    const byTag = Object.fromEntries((all.body as { spaceTag: string | null; size: string }[]).map((group) => [String(group.spaceTag), group.size]));
    assert.deepEqual(byTag, { team: '11', personal: '7', null: '8' });
    const team = await call(server, 'GET', `/api/v1/stats/${library.libraryId}/space-size${q(admin, { space_tag: 'team' })}`);
    assert.deepEqual(team.body, [{ size: '11', spaceTag: 'team' }]);
    const none = await call(server, 'GET', `/api/v1/stats/${library.libraryId}/space-size${q(admin, { space_tag: 'nobody' })}`);
    assert.deepEqual(none.body, []);
  });

  it('S14 answers zero traffic (downloads are not metered) for existing spaces', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const traffic = await call(server, 'GET', `/api/v1/stats/${library.libraryId}/traffic/${spaces.join(',')}${q(admin)}`);
    assert.equal(traffic.status, 200);
    assert.deepEqual(traffic.body, spaces.map((spaceId) => ({ spaceId, internetTraffic: '0' })));
    assertSmhError(await call(server, 'GET', `/api/v1/stats/${library.libraryId}/traffic/nosuchspace${q(admin)}`), 404, 'SpaceNotFound');
    const spaceAdmin = await createToken(server, library, { space_id: spaces[0] as string, grant: 'space_admin' });
    assertSmhError(await call(server, 'GET', `/api/v1/stats/${library.libraryId}/traffic/${spaces[0]}${q(spaceAdmin)}`), 403, 'NoPermission');
  });
});
