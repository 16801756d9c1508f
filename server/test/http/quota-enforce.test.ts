import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bytes, createQuota, quotaOk, tenantLibrary, usageOf } from '../helpers/quota-client.js';
import {
  assertSmhError,
  call,
  fileUrl,
  initiateUpload,
  type Library,
  makeDirectory,
  q,
  uploadFile,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** QuotaLimitReached on every path that adds bytes, and exact usage when bytes leave (core.md §5). */
describe('quotas: enforcement', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  const upload = (library: Library, token: string, space: string, path: string, size: number, strategy?: string) =>
    uploadFile(server, library, token, path, bytes(size), { space, strategy });
  const names = async (library: Library, token: string, space: string, dir = '') => {
    const listing = await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}/${dir}${q(token)}`);
    return (listing.body.contents as { name: string }[]).map((item) => item.name).sort();
  };

  it('refuses an upload at initiate when `filesize` cannot fit, crediting an overwritten file', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assert.equal((await upload(library, admin, space, 'a.txt', 80)).status, 200);
    const init = (path: string, filesize: number, kind: 'simple' | 'multipart', strategy?: string) =>
      call(server, kind === 'simple' ? 'PUT' : 'POST', fileUrl(library, admin, path, { filesize: String(filesize), ...(kind === 'multipart' ? { multipart: '' } : {}), ...(strategy ? { conflict_resolution_strategy: strategy } : {}) }, space));
    assertSmhError(await init('b.txt', 21, 'simple'), 400, 'QuotaLimitReached');
    assertSmhError(await init('b.txt', 21, 'multipart'), 400, 'QuotaLimitReached');
    const pending = await init('b.txt', 20, 'simple');
    assert.equal(pending.status, 201);
    // The pending b.txt holds its 20 bytes until it is confirmed, cancelled or expires.
    assertSmhError(await init('a.txt', 100, 'simple', 'overwrite'), 400, 'QuotaLimitReached');
    assert.equal((await call(server, 'DELETE', fileUrl(library, admin, pending.body.confirmKey, { upload: '' }, space))).status, 204);
    assert.equal((await init('a.txt', 100, 'simple', 'overwrite')).status, 201);
    assertSmhError(await init('d.txt', 1, 'simple'), 400, 'QuotaLimitReached');
    // Without filesize nothing is known yet: the confirm decides.
    assert.equal((await initiateUpload(server, library, admin, 'c.txt', { space })).status, 201);
  });

  it('refuses the confirm that would overshoot, keeps nothing, and counts exactly', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assert.equal((await upload(library, admin, space, 'a.txt', 60)).status, 200);
    assertSmhError(await upload(library, admin, space, 'b.txt', 41), 400, 'QuotaLimitReached');
    assert.deepEqual(await names(library, admin, space), ['a.txt']);
    assert.deepEqual(await usageOf(server, library, admin, space), { spaceId: space, capacity: '100', availableSpace: '40', size: '60' });
    assert.equal((await upload(library, admin, space, 'b.txt', 40)).status, 200);
    assert.deepEqual(await usageOf(server, library, admin, space), { spaceId: space, capacity: '100', availableSpace: '0', size: '100' });
  });

  it('an overwrite is charged the difference; deletes release bytes', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assert.equal((await upload(library, admin, space, 'a.txt', 60)).status, 200);
    assert.equal((await upload(library, admin, space, 'a.txt', 95, 'overwrite')).status, 200);
    assert.equal((await usageOf(server, library, admin, space)).availableSpace, '5');
    assertSmhError(await upload(library, admin, space, 'b.txt', 6), 400, 'QuotaLimitReached');
    const deleted = await call(server, 'DELETE', fileUrl(library, admin, 'a.txt', {}, space));
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.equal((await usageOf(server, library, admin, space)).availableSpace, '100');
    assert.equal((await upload(library, admin, space, 'b.txt', 100)).status, 200);
  });

  it('refuses file and directory copies that do not fit, in one space and across spaces', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    await quotaOk(server, library, admin, { spaces: [a], capacity: '100' });
    await makeDirectory(server, library, admin, 'dir', a);
    assert.equal((await upload(library, admin, a, 'dir/one.txt', 30)).status, 200);
    assert.equal((await upload(library, admin, a, 'dir/two.txt', 30)).status, 200);
    const copyFile = (space: string, to: string, from: string) => call(server, 'PUT', fileUrl(library, admin, to, {}, space), { body: { copyFrom: from } });
    const copyDir = (to: string, from: string) =>
      call(server, 'PUT', `/api/v1/directory/${library.libraryId}/${a}/${to}${q(admin)}`, { body: { copyFrom: from } });
    assertSmhError(await copyDir('dir2', 'dir'), 400, 'QuotaLimitReached');
    assert.deepEqual(await names(library, admin, a), ['dir']);
    assert.equal((await copyFile(a, 'dir/three.txt', 'dir/one.txt')).status, 200);
    assertSmhError(await copyFile(a, 'dir/four.txt', 'dir/one.txt'), 400, 'QuotaLimitReached');
    assert.equal((await usageOf(server, library, admin, a)).availableSpace, '10');
    // Into the quota'd space from a space without quota.
    await makeDirectory(server, library, admin, 'src', b);
    assert.equal((await upload(library, admin, b, 'src/big.txt', 11)).status, 200);
    const cross = await call(server, 'PUT', `/api/v1/cross-space/directory/${library.libraryId}/${a}/copy/fromb${q(admin)}`, {
      body: { copyFrom: 'src', copyFromSpaceId: b },
    });
    assertSmhError(cross, 400, 'QuotaLimitReached');
    assert.deepEqual(await names(library, admin, a), ['dir']);
    assert.deepEqual(await names(library, admin, a, 'dir'), ['one.txt', 'three.txt', 'two.txt']);
  });

  it('recycled files keep counting until purged', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1, { UseRecycleBin: true });
    const space = spaces[0] as string;
    await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assert.equal((await upload(library, admin, space, 'a.txt', 60)).status, 200);
    const deleted = await call(server, 'DELETE', fileUrl(library, admin, 'a.txt', {}, space));
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    assertSmhError(await upload(library, admin, space, 'b.txt', 41), 400, 'QuotaLimitReached');
    const purged = await call(server, 'DELETE', `/api/v1/recycled/${library.libraryId}/${space}/${deleted.body.recycledItemId}${q(admin)}`);
    assert.equal(purged.status, 204, JSON.stringify(purged.body));
    assert.equal((await usageOf(server, library, admin, space)).availableSpace, '100');
    assert.equal((await upload(library, admin, space, 'b.txt', 100)).status, 200);
  });

  it('a shared quota counts every space it covers', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assert.equal((await upload(library, admin, a, 'f.txt', 60)).status, 200);
    assertSmhError(await upload(library, admin, b, 'f.txt', 41), 400, 'QuotaLimitReached');
    assert.equal((await upload(library, admin, b, 'f.txt', 40)).status, 200);
    assert.equal((await usageOf(server, library, admin, b)).availableSpace, '0');
  });

  it('a quota created over a used space starts from its usage', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 1);
    const space = spaces[0] as string;
    assert.equal((await upload(library, admin, space, 'f.txt', 70)).status, 200);
    await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assertSmhError(await upload(library, admin, space, 'g.txt', 31), 400, 'QuotaLimitReached');
    assert.equal((await upload(library, admin, space, 'g.txt', 30)).status, 200);
  });

  it('enforces the library quota (EnableQuota/LibraryQuota) across spaces and releases deleted spaces', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2, { EnableQuota: true, LibraryQuota: 100 });
    const [a, b] = spaces as [string, string];
    assert.equal((await upload(library, admin, a, 'f.txt', 60)).status, 200);
    assertSmhError(await upload(library, admin, b, 'f.txt', 41), 400, 'LibraryQuotaLimitReached');
    assertSmhError(await call(server, 'PUT', fileUrl(library, admin, 'g.txt', { filesize: '41' }, b)), 400, 'LibraryQuotaLimitReached');
    assert.equal((await upload(library, admin, b, 'f.txt', 40)).status, 200);
    const removed = await call(server, 'DELETE', `/api/v1/space/${library.libraryId}/${a}${q(admin, { force: '1' })}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    assert.equal((await upload(library, admin, b, 'g.txt', 60)).status, 200);
    assertSmhError(await upload(library, admin, b, 'h.txt', 1), 400, 'LibraryQuotaLimitReached');
  });

  it('space quotas are carved out of the library quota', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2, { EnableQuota: true, LibraryQuota: 100 });
    const [a, b] = spaces as [string, string];
    const first = await quotaOk(server, library, admin, { spaces: [a], capacity: '80' });
    assertSmhError(await createQuota(server, library, admin, { spaces: [b], capacity: '21' }), 400, 'NoEnoughRemainingQuota');
    await quotaOk(server, library, admin, { spaces: [b], capacity: '20' });
    assertSmhError(await call(server, 'PUT', `/api/v1/quota/${library.libraryId}/${first}${q(admin)}`, { body: { capacity: '81' } }), 400, 'NoEnoughRemainingQuota');
    assert.equal((await call(server, 'PUT', `/api/v1/quota/${library.libraryId}/${first}${q(admin)}`, { body: { capacity: '50' } })).status, 204);
  });

  it('deleting a space with a quota releases its share of a shared quota', async () => {
    const { library, admin, spaces } = await tenantLibrary(server, 2);
    const [a, b] = spaces as [string, string];
    const id = await quotaOk(server, library, admin, { spaces, capacity: '100' });
    assert.equal((await upload(library, admin, a, 'f.txt', 70)).status, 200);
    assert.equal((await call(server, 'DELETE', `/api/v1/space/${library.libraryId}/${a}${q(admin, { force: '1' })}`)).status, 204);
    const info = await call(server, 'GET', `/api/v1/quota/${library.libraryId}/${id}${q(admin)}`);
    assert.deepEqual(info.body.spaces, [b]);
    assert.equal((await upload(library, admin, b, 'f.txt', 100)).status, 200);
  });

  it('single-tenant libraries enforce the quota of "-"', async () => {
    const { library, admin } = await tenantLibrary(server, 0, { IsMultiSpace: false });
    await quotaOk(server, library, admin, { capacity: 10 });
    assert.equal((await upload(library, admin, '-', 'a.txt', 10)).status, 200);
    assertSmhError(await upload(library, admin, '-', 'b.txt', 1), 400, 'QuotaLimitReached');
  });
});
