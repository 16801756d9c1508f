import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQuota, quotaAt, quotaOk, tenantLibrary } from '../helpers/quota-client.js';
import { assertSmhError, createSpace, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Q4 (by space) and Q5 (by quota id), the overload rule and DenyOnQuotaLessThanUsage (core.md §5). */
describe('quotas: modify', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('Q4 changes capacity and policy of the quota of a space', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    const id = await quotaOk(server, library, admin, { spaces, capacity: '100' });
    const put = await quotaAt(server, library, admin, a, 'PUT', { capacity: 2048, removeWhenExceed: true, removeAfterDays: 3 });
    assert.equal(put.status, 204, JSON.stringify(put.body));
    // Shared: the change shows through the other space too; unspecified fields stay.
    assert.deepEqual((await quotaAt(server, library, admin, b)).body, { id, capacity: '2048', removeWhenExceed: true, removeAfterDays: 3, removeNewest: false });
  });

  it('Q4 rejects bad bodies and spaces without quota', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    await quotaOk(server, library, admin, { spaces: [a], capacity: '100' });
    assertSmhError(await quotaAt(server, library, admin, a, 'PUT', {}), 400, 'QuotaCapacityRequired');
    assertSmhError(await quotaAt(server, library, admin, a, 'PUT', { capacity: 'lots' }), 400, 'QuotaCapacityInvalid');
    assertSmhError(await quotaAt(server, library, admin, a, 'PUT', { capacity: '1', spaces: [b] }), 400, 'QuotaSpacesInvalid');
    assertSmhError(await quotaAt(server, library, admin, a, 'PUT', { capacity: '1', removeNewest: 'no' }), 400, 'ParamInvalid');
    assertSmhError(await quotaAt(server, library, admin, b, 'PUT', { capacity: '1' }), 404, 'NoQuota');
    assertSmhError(await quotaAt(server, library, admin, 'nosuchspace', 'PUT', { capacity: '1' }), 404, 'SpaceNotFound');
    assert.equal((await quotaAt(server, library, admin, a)).body.capacity, '100');
  });

  it('Q5 replaces the covered spaces and leaves unspecified fields alone', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 3);
    const [a, b, c] = spaces as [string, string, string];
    const id = await quotaOk(server, library, admin, { spaces: [a, b], capacity: '100', removeAfterDays: 9 });
    assert.equal((await quotaAt(server, library, admin, id, 'PUT', { spaces: [c, b] })).status, 204);
    assert.deepEqual((await quotaAt(server, library, admin, id)).body, {
      spaces: [b, c].sort(),
      capacity: '100',
      removeWhenExceed: false,
      removeAfterDays: 9,
      removeNewest: false,
    });
    assertSmhError(await quotaAt(server, library, admin, a), 404, 'NoQuota');
    assert.equal((await quotaAt(server, library, admin, c)).body.id, id);
    assert.equal((await quotaAt(server, library, admin, id, 'PUT', { capacity: '7' })).status, 204);
    assert.equal((await quotaAt(server, library, admin, id)).body.capacity, '7');
    // An empty body changes nothing and is fine.
    assert.equal((await quotaAt(server, library, admin, id, 'PUT', {})).status, 204);
  });

  it('Q5 rejects bad spaces, foreign or taken spaces and unknown ids', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    const other = await tenantLibrary(server, 1);
    const first = await quotaOk(server, library, admin, { spaces: [a], capacity: '100' });
    await quotaOk(server, library, admin, { spaces: [b], capacity: '100' });
    assertSmhError(await quotaAt(server, library, admin, first, 'PUT', { spaces: [] }), 400, 'QuotaSpacesInvalid');
    assertSmhError(await quotaAt(server, library, admin, first, 'PUT', { spaces: [a, b] }), 409, 'DuplicateQuota');
    assertSmhError(await quotaAt(server, library, admin, first, 'PUT', { spaces: other.spaces }), 404, 'SpaceNotFound');
    assertSmhError(await quotaAt(server, library, admin, first, 'PUT', { capacity: -5 }), 400, 'QuotaCapacityInvalid');
    assertSmhError(await quotaAt(server, library, admin, 999999, 'PUT', { capacity: '5' }), 404, 'QuotaNotFound');
    assert.deepEqual((await quotaAt(server, library, admin, first)).body.spaces, [a]);
  });

  it('X names a space first, else a quota id (a numeric space shadows the quota with its number)', async () => {
    const { library, admin } = await tenantLibrary(server, 0);
    // Custom space ids have at least two characters: make sure the quota id has too.
    let id = 0;
    let covered = '';
    while (id < 10) {
      covered = await createSpace(server, library, admin);
      id = await quotaOk(server, library, admin, { spaces: [covered], capacity: '100' });
    }
    assert.deepEqual((await quotaAt(server, library, admin, id)).body.spaces, [covered]);
    const numeric = await createSpace(server, library, admin, { spaceId: String(id) });
    assertSmhError(await quotaAt(server, library, admin, id), 404, 'NoQuota');
    const own = await quotaOk(server, library, admin, { spaces: [numeric], capacity: '5' });
    assert.deepEqual((await quotaAt(server, library, admin, id)).body, { id: own, capacity: '5', removeWhenExceed: false, removeAfterDays: 0, removeNewest: false });
    assert.equal((await quotaAt(server, library, admin, id, 'PUT', { capacity: '6' })).status, 204);
    assert.equal((await quotaAt(server, library, admin, numeric)).body.capacity, '6');
    // The shadowed quota is still reachable through its space, and unchanged.
    assert.deepEqual((await quotaAt(server, library, admin, covered)).body, { id, capacity: '100', removeWhenExceed: false, removeAfterDays: 0, removeNewest: false });
  });

  it('DenyOnQuotaLessThanUsage refuses capacities below current usage', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2, { DenyOnQuotaLessThanUsage: true });
    const [a, b] = spaces as [string, string];
    assert.equal((await uploadFile(server, library, admin, 'f.txt', 'x'.repeat(50), { space: a })).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'f.txt', 'x'.repeat(30), { space: b })).status, 200);
    assertSmhError(await createQuota(server, library, admin, { spaces: [a], capacity: '49' }), 400, 'QuotaCapacityLessThanSize');
    const id = await quotaOk(server, library, admin, { spaces: [a], capacity: '50' });
    assertSmhError(await quotaAt(server, library, admin, a, 'PUT', { capacity: '10' }), 400, 'QuotaCapacityLessThanSize');
    // Adding a space adds its usage: 80 bytes > 60.
    assert.equal((await quotaAt(server, library, admin, id, 'PUT', { capacity: '60' })).status, 204);
    assertSmhError(await quotaAt(server, library, admin, id, 'PUT', { spaces: [a, b] }), 400, 'QuotaCapacityLessThanSize');
    assert.equal((await quotaAt(server, library, admin, id, 'PUT', { spaces: [a, b], capacity: '80' })).status, 204);
  });

  it('without DenyOnQuotaLessThanUsage a capacity below usage is stored and blocks further uploads', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    assert.equal((await uploadFile(server, library, admin, 'f.txt', 'x'.repeat(50), { space })).status, 200);
    await quotaOk(server, library, admin, { spaces, capacity: '10' });
    assertSmhError(await uploadFile(server, library, admin, 'g.txt', 'y', { space }), 400, 'QuotaLimitReached');
  });
});
