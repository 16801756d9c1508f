import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQuota, quotaAt, quotaOk, tenantLibrary } from '../helpers/quota-client.js';
import { adminToken, assertSmhError, call, createLibrary, createToken, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Q1 create, Q2/Q2b/Q3 read (core.md §5). */
describe('quotas: create and read', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('creates a quota over two spaces and reads it by space, alias and id', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const id = await quotaOk(server, library, admin, { spaces, capacity: '1099511627776', removeWhenExceed: true, removeAfterDays: 7, removeNewest: true });
    const expectedOfSpace = { id, capacity: '1099511627776', removeWhenExceed: true, removeAfterDays: 7, removeNewest: true };
    for (const spaceId of spaces) {
      const bySpace = await quotaAt(server, library, admin, spaceId);
      assert.equal(bySpace.status, 200, JSON.stringify(bySpace.body));
      assert.deepEqual(bySpace.body, expectedOfSpace);
      const alias = await call(server, 'GET', `/api/v1/space-quota/${library.libraryId}/${spaceId}${q(admin)}`);
      assert.deepEqual(alias.body, expectedOfSpace);
    }
    const byId = await quotaAt(server, library, admin, id);
    assert.equal(byId.status, 200);
    assert.deepEqual(byId.body, { spaces: [...spaces].sort(), capacity: '1099511627776', removeWhenExceed: true, removeAfterDays: 7, removeNewest: true });
  });

  it('accepts capacity as a number, defaults the policy fields and answers with strings', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const id = await quotaOk(server, library, admin, { spaces, capacity: 5000 });
    const read = await quotaAt(server, library, admin, spaces[0] as string);
    assert.deepEqual(read.body, { id, capacity: '5000', removeWhenExceed: false, removeAfterDays: 0, removeNewest: false });
  });

  it('single-tenant libraries quota their "-" space and must not send spaces', async () => {
    const library = await createLibrary(server);
    const admin = await adminToken(server, library);
    assertSmhError(await createQuota(server, library, admin, { spaces: ['-'], capacity: '10' }), 400, 'QuotaSpacesInvalid');
    const id = await quotaOk(server, library, admin, { capacity: '10' });
    assert.deepEqual((await quotaAt(server, library, admin, '-')).body.id, id);
    assert.deepEqual((await quotaAt(server, library, admin, id)).body.spaces, ['-']);
    assertSmhError(await createQuota(server, library, admin, { capacity: '20' }), 409, 'DuplicateQuota');
    assertSmhError(await quotaAt(server, library, admin, id, 'PUT', { spaces: ['-'] }), 400, 'QuotaSpacesInvalid');
    assert.equal((await quotaAt(server, library, admin, '-', 'PUT', { capacity: '30' })).status, 204);
    assert.equal((await quotaAt(server, library, admin, id)).body.capacity, '30');
  });

  it('rejects malformed bodies', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const post = (body: unknown) => createQuota(server, library, admin, body);
    assertSmhError(await post({ capacity: '10' }), 400, 'QuotaSpacesRequired');
    assertSmhError(await post({ spaces: [], capacity: '10' }), 400, 'QuotaSpacesInvalid');
    assertSmhError(await post({ spaces: 'x', capacity: '10' }), 400, 'QuotaSpacesInvalid');
    assertSmhError(await post({ spaces: [1], capacity: '10' }), 400, 'QuotaSpacesInvalid');
    assertSmhError(await post({ spaces }), 400, 'QuotaCapacityRequired');
    assertSmhError(await post({ spaces, capacity: '' }), 400, 'QuotaCapacityRequired');
    for (const capacity of ['-1', 'abc', '1.5', -1, 1.5, true, '99999999999999999', { n: 1 }]) {
      assertSmhError(await post({ spaces, capacity }), 400, 'QuotaCapacityInvalid');
    }
    assertSmhError(await post({ spaces, capacity: '10', removeWhenExceed: 'yes' }), 400, 'ParamInvalid');
    assertSmhError(await post({ spaces, capacity: '10', removeAfterDays: -1 }), 400, 'ParamInvalid');
    assertSmhError(await post({ spaces, capacity: '10', removeNewest: 1 }), 400, 'ParamInvalid');
    assertSmhError(await post([spaces]), 400, 'ParamInvalid');
    const raw = await call(server, 'POST', `/api/v1/quota/${library.libraryId}${q(admin)}`, { body: '{"spaces":', headers: { 'content-type': 'application/json' } });
    assert.equal(raw.status, 400);
  });

  it('rejects unknown spaces, another library\'s space and duplicates', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const other = await tenantLibrary(server, 1);
    assertSmhError(await createQuota(server, library, admin, { spaces: ['nosuchspace'], capacity: '10' }), 404, 'SpaceNotFound');
    assertSmhError(await createQuota(server, library, admin, { spaces: other.spaces, capacity: '10' }), 404, 'SpaceNotFound');
    assertSmhError(await createQuota(server, library, admin, { spaces: ['-'], capacity: '10' }), 404, 'SpaceNotFound');
    await quotaOk(server, library, admin, { spaces: [spaces[0]], capacity: '10' });
    assertSmhError(await createQuota(server, library, admin, { spaces, capacity: '10' }), 409, 'DuplicateQuota');
    // The failed request created nothing: the second space is still free.
    assertSmhError(await quotaAt(server, library, admin, spaces[1] as string), 404, 'NoQuota');
  });

  it('needs admin for every quota endpoint', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const spaceId = spaces[0] as string;
    const id = await quotaOk(server, library, admin, { spaces, capacity: '10' });
    const spaceAdmin = await createToken(server, library, { space_id: spaceId, grant: 'space_admin' });
    const plain = await createToken(server, library, { space_id: spaceId });
    for (const token of [spaceAdmin, plain]) {
      assertSmhError(await createQuota(server, library, token, { spaces, capacity: '10' }), 403, 'NoPermission');
      assertSmhError(await quotaAt(server, library, token, spaceId), 403, 'NoPermission');
      assertSmhError(await quotaAt(server, library, token, id), 403, 'NoPermission');
      assertSmhError(await quotaAt(server, library, token, id, 'PUT', { capacity: '1' }), 403, 'NoPermission');
      assertSmhError(await call(server, 'GET', `/api/v1/space-quota/${library.libraryId}/${spaceId}${q(token)}`), 403, 'NoPermission');
    }
    assertSmhError(await call(server, 'GET', `/api/v1/quota/${library.libraryId}/${id}`), 400, 'EmptyAccessToken');
    // A token of another library is not this library's admin.
    const other = await tenantLibrary(server, 0);
    assert.equal((await quotaAt(server, library, other.admin, id)).status, 403);
  });

  it('answers NoQuota, QuotaNotFound and SpaceNotFound for what does not exist', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    assertSmhError(await quotaAt(server, library, admin, spaces[0] as string), 404, 'NoQuota');
    assertSmhError(await call(server, 'GET', `/api/v1/space-quota/${library.libraryId}/${spaces[0]}${q(admin)}`), 404, 'NoQuota');
    assertSmhError(await quotaAt(server, library, admin, 424242), 404, 'QuotaNotFound');
    assertSmhError(await quotaAt(server, library, admin, 'nosuchspace'), 404, 'SpaceNotFound');
    assertSmhError(await call(server, 'GET', `/api/v1/space-quota/${library.libraryId}/424242${q(admin)}`), 404, 'SpaceNotFound');
    // Another library's quota id is unknown here.
    const other = await tenantLibrary(server, 1);
    const foreign = await quotaOk(server, other.library, other.admin, { spaces: other.spaces, capacity: '10' });
    assertSmhError(await quotaAt(server, library, admin, foreign), 404, 'QuotaNotFound');
  });
});
