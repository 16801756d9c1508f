import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deleteEntry, recycle } from '../helpers/recycle-client.js';
import { adminToken, createLibrary, createSpace, createToken, initiateUpload, type Library } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount, content, MIB, put, quickHashes } from '../helpers/version-client.js';

/**
 * The rule that keeps instant upload from turning "knowing a hash" into "getting the file": a
 * stored blob only counts as a hit when a live file in a space the caller's credential can read
 * references it. Anyone else is told 201 (upload it), exactly as if no such content existed.
 */
describe('instant upload: only content the caller can already read is linked', () => {
  let server: TestServer;
  const data = content(2 * MIB, 'secret');
  const hashes = quickHashes(data);
  const size = String(data.length);

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  /** Both calls of the protocol; returns their statuses. */
  async function attempt(library: Library, token: string, path: string, space = '-'): Promise<[number, number]> {
    const probe = await initiateUpload(server, library, token, path, { space, body: { beginningHash: hashes.beginningHash, size } });
    const full = await initiateUpload(server, library, token, path, { space, body: { ...hashes, size } });
    return [probe.status, full.status];
  }

  /** A multi-tenant library whose space A holds the file; B is empty. */
  async function tenants(): Promise<{ library: Library; admin: string; spaceA: string; spaceB: string }> {
    const library = await createLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, library);
    const spaceA = await createSpace(server, library, admin);
    const spaceB = await createSpace(server, library, admin);
    await put(server, library, admin, 'secret.bin', data, spaceA);
    return { library, admin, spaceA, spaceB };
  }

  it('a token of another space gets 201 and no file', async () => {
    const { library, spaceB } = await tenants();
    const tokenB = await createToken(server, library, { space_id: spaceB, grant: 'upload_file' });
    const blobs = await blobCount(server);
    assert.deepEqual(await attempt(library, tokenB, 'stolen.bin', spaceB), [201, 201]);
    assert.equal(await blobCount(server), blobs);
    const adminOfB = await createToken(server, library, { space_id: spaceB, grant: 'admin' });
    assert.deepEqual(await attempt(library, adminOfB, 'stolen.bin', spaceB), [201, 201]);
  });

  it('a token that also reads the space holding the content gets 202 then 200', async () => {
    const { library, spaceA, spaceB } = await tenants();
    const both = await createToken(server, library, { space_id: `${spaceA},${spaceB}`, grant: 'upload_file' });
    assert.deepEqual(await attempt(library, both, 'mine.bin', spaceB), [202, 200]);
  });

  it('a library-wide admin credential reads every space and gets 202 then 200', async () => {
    const { library, admin, spaceB } = await tenants();
    assert.deepEqual(await attempt(library, admin, 'admin.bin', spaceB), [202, 200]);
  });

  it('a token of another library gets 201', async () => {
    await tenants();
    const other = await createLibrary(server);
    const otherToken = await adminToken(server, other);
    assert.deepEqual(await attempt(other, otherToken, 'stolen.bin'), [201, 201]);
  });

  it('content only in the recycle bin, or deleted, is no hit', async () => {
    const library = await createLibrary(server, { UseRecycleBin: true });
    const token = await adminToken(server, library);
    await put(server, library, token, 'binned.bin', data);
    await recycle(server, library, token, 'file', 'binned.bin');
    assert.deepEqual(await attempt(library, token, 'again.bin'), [201, 201]);
    const plain = await createLibrary(server);
    const plainToken = await adminToken(server, plain);
    await put(server, plain, plainToken, 'gone.bin', data);
    assert.equal((await deleteEntry(server, plain, plainToken, 'file', 'gone.bin')).status, 204);
    assert.deepEqual(await attempt(plain, plainToken, 'again.bin'), [201, 201]);
  });
});
