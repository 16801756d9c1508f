import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  adminCall,
  assertSmhError,
  call,
  createLibrary,
  createSpace,
  createToken,
  type Library,
  q,
  tokenRequest,
  uploadFile,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** The control plane: CreateLibrary, DescribeLibraries, ModifyLibrary, DeleteLibrary, secrets (core.md §7). */
describe('control plane: libraries', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('requires the admin key', async () => {
    assertSmhError(await call(server, 'GET', '/admin/v1/library'), 403, 'InvalidAdminKey');
    assertSmhError(await call(server, 'GET', '/admin/v1/library', { headers: { authorization: 'Bearer wrong' } }), 403, 'InvalidAdminKey');
    assertSmhError(await call(server, 'POST', '/admin/v1/library', { body: { Name: 'x' } }), 403, 'InvalidAdminKey');
    const library = await createLibrary(server);
    for (const [method, suffix] of [['GET', ''], ['PUT', ''], ['DELETE', ''], ['GET', '/secret'], ['POST', '/secret']]) {
      const response = await call(server, method as string, `/admin/v1/library/${library.libraryId}${suffix}`, { headers: { authorization: 'Bearer nope' } });
      assertSmhError(response, 403, 'InvalidAdminKey');
    }
    const byHeader = await call(server, 'GET', '/admin/v1/library', { headers: { 'x-opensmh-admin-key': 'test-admin-key-0123456789' } });
    assert.equal(byHeader.status, 200);
  });

  it('creates a library with defaults and returns its id and secret', async () => {
    const created = await adminCall(server, 'POST', '/admin/v1/library', { body: { Name: 'photos', Remark: 'family' } });
    assert.equal(created.status, 201);
    assert.match(created.body.LibraryId, /^smh[a-z0-9]{13}$/);
    assert.equal(typeof created.body.LibrarySecret, 'string');
    assert.equal(created.body.Name, 'photos');
    assert.equal(created.body.Remark, 'family');
    assert.ok(!Number.isNaN(Date.parse(created.body.CreationTime)));
    const ext = created.body.LibraryExtension;
    assert.equal(ext.IsFileLibrary, false);
    assert.equal(ext.IsMultiSpace, false);
    assert.equal(ext.CosStorageClass, 'STANDARD');
    assert.equal(ext.AllowPhoto, true);
    assert.equal(ext.AllowVideo, true);
    assert.equal(ext.MaxDirFileNameLength, 255);
  });

  it('validates creation input', async () => {
    const bad = (body: unknown) => adminCall(server, 'POST', '/admin/v1/library', { body });
    assertSmhError(await bad({}), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: '' }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'n'.repeat(51) }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 7 }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', Remark: 'r'.repeat(251) }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', LibraryExtension: { Bogus: true } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', LibraryExtension: { IsMultiSpace: 'yes' } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', LibraryExtension: { CosStorageClass: 'GLACIER' } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', LibraryExtension: [] }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', LibraryExtension: { EnableFileHistory: true } }), 400, 'ParamInvalid');
    assertSmhError(await bad({ Name: 'x', LibraryExtension: { IsFileLibrary: true, IsMultiAlbum: true } }), 400, 'ParamInvalid');
  });

  it('lists libraries by page with a total count', async () => {
    const fresh = await startServer();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await createLibrary(fresh, {}, `lib-${i}`)).libraryId);
      }
      const idsOf = (body: { List: { LibraryId: string }[] }) => body.List.map((l) => l.LibraryId);
      const pages: string[] = [];
      for (const page of [1, 2, 3]) {
        const response = await adminCall(fresh, 'GET', `/admin/v1/library?PageNumber=${page}&PageSize=2`);
        assert.equal(response.status, 200);
        assert.equal(response.body.TotalCount, 5);
        assert.equal(response.body.List.length, page < 3 ? 2 : 1);
        assert.equal(response.body.List[0].LibrarySecret, undefined, 'listings never carry secrets');
        pages.push(...idsOf(response.body));
      }
      assert.deepEqual([...pages].sort(), [...ids].sort(), 'pages neither overlap nor skip');
      const beyond = await adminCall(fresh, 'GET', '/admin/v1/library?PageNumber=9&PageSize=2');
      assert.deepEqual(beyond.body, { List: [], TotalCount: 5 });
      const defaults = await adminCall(fresh, 'GET', '/admin/v1/library');
      assert.equal(defaults.body.List.length, 5);
      const some = await adminCall(fresh, 'GET', `/admin/v1/library?LibraryIds=${ids[1]},${ids[3]}`);
      assert.equal(some.body.TotalCount, 2);
      assert.deepEqual(idsOf(some.body).sort(), [ids[1], ids[3]].sort());
      assertSmhError(await adminCall(fresh, 'GET', '/admin/v1/library?PageSize=101'), 400, 'ParamInvalid');
      assertSmhError(await adminCall(fresh, 'GET', '/admin/v1/library?PageNumber=0'), 400, 'ParamInvalid');
    } finally {
      await fresh.close();
    }
  });

  it('describes one library with its usage', async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const admin = await createToken(server, library, { grant: 'admin' });
    const space = await createSpace(server, library, admin);
    assert.equal((await call(server, 'PUT', `/api/v1/directory/${library.libraryId}/${space}/d${q(admin)}`)).status, 201);
    assert.equal((await uploadFile(server, library, admin, 'd/a.txt', 'hello', { space })).status, 200);
    assert.equal((await uploadFile(server, library, admin, 'b.txt', 'abc', { space })).status, 200);
    const got = await adminCall(server, 'GET', `/admin/v1/library/${library.libraryId}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.LibraryId, library.libraryId);
    assert.equal(got.body.Size, '8');
    assert.equal(got.body.FileNum, '2');
    assert.equal(got.body.DirNum, '1');
    assert.equal(got.body.LibrarySecret, undefined);
    assertSmhError(await adminCall(server, 'GET', '/admin/v1/library/smhnosuchlibrary'), 404, 'LibraryNotFound');
  });

  it('modifies name, remark and mutable settings', async () => {
    const library = await createLibrary(server, { IsFileLibrary: true });
    const path = `/admin/v1/library/${library.libraryId}`;
    const modified = await adminCall(server, 'PUT', path, {
      body: { Name: 'renamed', LibraryExtension: { UseRecycleBin: true, AutoRemoveRecycledDays: 1095, EnableFileHistory: true, FileHistoryCount: 999, FileHistoryExpireDay: 0 } },
    });
    assert.equal(modified.status, 200, JSON.stringify(modified.body));
    assert.equal(modified.body.Name, 'renamed');
    assert.equal(modified.body.Remark, '');
    assert.equal(modified.body.LibraryExtension.UseRecycleBin, true);
    assert.equal(modified.body.LibraryExtension.FileHistoryCount, 999);
    const again = await adminCall(server, 'PUT', path, { body: { Remark: 'note', LibraryExtension: { FileHistoryCount: 1 } } });
    assert.equal(again.body.Name, 'renamed', 'absent fields are kept');
    assert.equal(again.body.Remark, 'note');
    assert.equal(again.body.LibraryExtension.FileHistoryCount, 1);
    assert.equal(again.body.LibraryExtension.UseRecycleBin, true);
    const got = await adminCall(server, 'GET', path);
    assert.equal(got.body.LibraryExtension.AutoRemoveRecycledDays, 1095);
    const same = await adminCall(server, 'PUT', path, { body: { LibraryExtension: { IsFileLibrary: true } } });
    assert.equal(same.status, 200, 'restating an immutable field unchanged is fine');
    const roundTrip = await adminCall(server, 'PUT', path, { body: { Name: got.body.Name, LibraryExtension: got.body.LibraryExtension } });
    assert.equal(roundTrip.status, 200, `a described extension can be sent back: ${JSON.stringify(roundTrip.body)}`);
    assert.deepEqual(roundTrip.body.LibraryExtension, got.body.LibraryExtension);
    const fresh = await createLibrary(server);
    const described = await adminCall(server, 'GET', `/admin/v1/library/${fresh.libraryId}`);
    const back = await adminCall(server, 'PUT', `/admin/v1/library/${fresh.libraryId}`, { body: { LibraryExtension: described.body.LibraryExtension } });
    assert.equal(back.status, 200, JSON.stringify(back.body));
  });

  it('rejects immutable and invalid settings', async () => {
    const library = await createLibrary(server);
    const put = (ext: Record<string, unknown>) => adminCall(server, 'PUT', `/admin/v1/library/${library.libraryId}`, { body: { LibraryExtension: ext } });
    for (const ext of [{ IsFileLibrary: false }, { IsMultiSpace: true }, { CosStorageClass: 'STANDARD_IA' }, { IsMultiAlbum: true }, { EnableQuota: true }]) {
      assertSmhError(await put(ext), 400, 'ParamInvalid');
    }
    assert.equal((await put({ EnableFileHistory: true, FileHistoryCount: 5, FileHistoryExpireDay: 10 })).status, 200);
    assertSmhError(await put({ FileHistoryCount: 0 }), 400, 'ParamInvalid');
    assertSmhError(await put({ FileHistoryCount: 1000 }), 400, 'ParamInvalid');
    assertSmhError(await put({ FileHistoryCount: 2.5 }), 400, 'ParamInvalid');
    assertSmhError(await put({ AutoRemoveRecycledDays: 1096 }), 400, 'ParamInvalid');
    assertSmhError(await put({ AutoRemoveRecycledDays: -1 }), 400, 'ParamInvalid');
    assertSmhError(await put({ MaxDirFileNameLength: 256 }), 400, 'ParamInvalid');
    assertSmhError(await put({ UnknownSetting: 1 }), 400, 'ParamInvalid');
    assertSmhError(await put({ AllowPhotoExtName: ['jpg'] }), 400, 'ParamInvalid');
    assertSmhError(await adminCall(server, 'PUT', `/admin/v1/library/${library.libraryId}`, { body: { Name: '' } }), 400, 'ParamInvalid');
    const unchanged = await adminCall(server, 'GET', `/admin/v1/library/${library.libraryId}`);
    assert.equal(unchanged.body.LibraryExtension.FileHistoryCount, 5);
    assertSmhError(await adminCall(server, 'PUT', '/admin/v1/library/smhnosuchlibrary', { body: {} }), 404, 'LibraryNotFound');
  });

  it('reads and rotates the secret', async () => {
    const library = await createLibrary(server);
    const read = await adminCall(server, 'GET', `/admin/v1/library/${library.libraryId}/secret`);
    assert.deepEqual(read.body, { LibraryId: library.libraryId, LibrarySecret: library.librarySecret });
    const before = await createToken(server, library);
    const rotated = await adminCall(server, 'POST', `/admin/v1/library/${library.libraryId}/secret`);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.LibrarySecret, library.librarySecret);
    const old = { library_id: library.libraryId, library_secret: library.librarySecret };
    assertSmhError(await tokenRequest(server, old), 404, 'WrongLibraryIdOrSecret');
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-?library_secret=${library.librarySecret}`), 404, 'WrongLibraryIdOrSecret');
    const fresh = await tokenRequest(server, { ...old, library_secret: rotated.body.LibrarySecret });
    assert.equal(fresh.status, 200);
    assert.equal((await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q(before)}`)).status, 200, 'issued tokens live on');
    assertSmhError(await adminCall(server, 'GET', '/admin/v1/library/smhnosuchlibrary/secret'), 404, 'LibraryNotFound');
  });
});

describe('control plane: deleting libraries', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it('deletes a single-tenant library with its files and tokens', async () => {
    const library = await createLibrary(server);
    const token = await createToken(server, library, { grant: 'admin' });
    assert.equal((await uploadFile(server, library, token, 'f.txt', 'bytes')).status, 200);
    const deleted = await adminCall(server, 'DELETE', `/admin/v1/library/${library.libraryId}`);
    assert.equal(deleted.status, 204);
    assertSmhError(await adminCall(server, 'GET', `/admin/v1/library/${library.libraryId}`), 404, 'LibraryNotFound');
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${library.libraryId}/-${q(token)}`), 404, 'LibraryNotFound');
    assertSmhError(await call(server, 'POST', `/api/v1/token/${library.libraryId}/${token}`), 403, 'InvalidAccessToken');
    assertSmhError(await tokenRequest(server, { library_id: library.libraryId, library_secret: library.librarySecret }), 404, 'LibraryNotFound');
    assertSmhError(await adminCall(server, 'DELETE', `/admin/v1/library/${library.libraryId}`), 404, 'LibraryNotFound');
  });

  it('refuses a multi-tenant library with spaces unless forced', async () => {
    const library: Library = await createLibrary(server, { IsMultiSpace: true });
    const admin = await createToken(server, library, { grant: 'admin' });
    const space = await createSpace(server, library, admin);
    assert.equal((await uploadFile(server, library, admin, 'x.txt', `content of ${space}`, { space })).status, 200);
    const refused = await adminCall(server, 'DELETE', `/admin/v1/library/${library.libraryId}`);
    assert.equal(refused.status, 409);
    assert.equal(typeof refused.body.code, 'string');
    assert.equal((await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}${q(admin)}`)).status, 200, 'still usable');
    const forced = await adminCall(server, 'DELETE', `/admin/v1/library/${library.libraryId}?force=1`);
    assert.equal(forced.status, 204);
    assertSmhError(await call(server, 'GET', `/api/v1/directory/${library.libraryId}/${space}${q(admin)}`), 404, 'LibraryNotFound');
    assert.equal(await server.stores.meta.spaces.get(library.libraryId, space), null);
    assert.equal(await server.stores.meta.entries.get(library.libraryId, space, 'x.txt'), null);
  });

  it('deletes an empty multi-tenant library without force', async () => {
    const library = await createLibrary(server, { IsMultiSpace: true });
    assert.equal((await adminCall(server, 'DELETE', `/admin/v1/library/${library.libraryId}`)).status, 204);
  });
});
