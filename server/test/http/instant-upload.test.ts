import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  adminToken,
  assertSmhError,
  confirmUpload,
  createLibrary,
  createToken,
  download,
  initiateUpload,
  type Library,
  makeDirectory,
  putToTarget,
} from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { blobCount, content, MIB, put, quickHashes, spaceSize, versionIds } from '../helpers/version-client.js';

const KINDS = ['simple', 'multipart', 'form'] as const;

/** Quick upload by hash (files.md §3.2, §4.1): 202 probe, 200 linked file, else 201. */
describe('instant upload', () => {
  let server: TestServer;
  const data = content(2.5 * MIB, 'instant');
  const hashes = quickHashes(data);
  const size = String(data.length);

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  /** A library holding `data` at `stored.bin` (uploaded normally). */
  async function setup(extension: Record<string, unknown> = {}): Promise<{ library: Library; token: string }> {
    const library = await createLibrary(server, extension);
    const token = await adminToken(server, library);
    await put(server, library, token, 'stored.bin', data);
    return { library, token };
  }

  it('checks the helper against the spec check value (2.5 MiB of zeros)', () => {
    const zeros = quickHashes(Buffer.alloc(2.5 * MIB));
    assert.equal(zeros.beginningHash, '30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58');
    assert.equal(zeros.fullHash, '049fbee1d68b1af5834b2cc2bce04dc9b13e497524ccd32fdee323c42f802dd4');
  });

  for (const kind of KINDS) {
    it(`${kind}: 202 on the beginning hash, then 200 with the file, linking the stored bytes`, async () => {
      const { library, token } = await setup();
      const blobs = await blobCount(server);
      const probe = await initiateUpload(server, library, token, `copy-${kind}.bin`, { kind, body: { beginningHash: hashes.beginningHash, size } });
      assert.equal(probe.status, 202, JSON.stringify(probe.body));
      assert.equal(probe.body, undefined);
      const done = await initiateUpload(server, library, token, `copy-${kind}.bin`, {
        kind,
        body: { ...hashes, size, labels: ['quick'] },
        headers: { 'x-smh-meta-origin': 'instant' },
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(done.body.path, [`copy-${kind}.bin`]);
      assert.equal(done.body.name, `copy-${kind}.bin`);
      assert.equal(done.body.size, size);
      assert.equal(done.body.isOverwritten, false);
      assert.deepEqual(done.body.labels, ['quick']);
      assert.deepEqual(done.body.metaData, { 'x-smh-meta-origin': 'instant' });
      for (const field of ['type', 'creationTime', 'modificationTime', 'contentType', 'eTag', 'crc64', 'virusAuditStatus', 'fileType']) {
        assert.ok(field in done.body, `missing ${field}`);
      }
      assert.equal(await blobCount(server), blobs);
      assert.ok((await download(server, library, token, `copy-${kind}.bin`)).equals(data));
      assert.equal(await spaceSize(server, library, token), 2 * data.length);
    });
  }

  it('answers 201 (a normal upload) when nothing matches, the file is small, or no hash is sent', async () => {
    const { library, token } = await setup();
    const other = quickHashes(content(2.5 * MIB, 'other'));
    const cases: Record<string, unknown>[] = [
      { beginningHash: other.beginningHash, size },
      { beginningHash: hashes.beginningHash, size: String(data.length + 1) },
      { beginningHash: hashes.beginningHash, fullHash: other.fullHash, size },
      { size },
      {},
    ];
    for (const body of cases) {
      const response = await initiateUpload(server, library, token, 'new.bin', { body });
      assert.equal(response.status, 201, `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`);
      assert.equal(typeof response.body.confirmKey, 'string');
    }
    const small = content(MIB - 1, 'small');
    await put(server, library, token, 'small.bin', small);
    const smallHashes = quickHashes(small);
    const response = await initiateUpload(server, library, token, 'small-copy.bin', { body: { ...smallHashes, size: String(small.length) } });
    assert.equal(response.status, 201, JSON.stringify(response.body));
  });

  it('refuses malformed hash fields, and runs the initiate checks before answering', async () => {
    const { library, token } = await setup();
    assertSmhError(await initiateUpload(server, library, token, 'x.bin', { body: { beginningHash: 'xyz', size } }), 400, 'ParamInvalid');
    assertSmhError(await initiateUpload(server, library, token, 'x.bin', { body: { beginningHash: hashes.beginningHash, size: 'big' } }), 400, 'ParamInvalid');
    assertSmhError(await initiateUpload(server, library, token, 'x.bin', { body: { beginningHash: 7, size } }), 400, 'ParamInvalid');
    assertSmhError(await initiateUpload(server, library, token, 'nodir/x.bin', { body: { ...hashes, size } }), 404, 'DirectoryNotFound');
    assertSmhError(await initiateUpload(server, library, token, 'stored.bin', { strategy: 'ask', body: { ...hashes, size } }), 409, 'SameNameDirectoryOrFileExists');
    const reader = await createToken(server, library, { grant: 'delete_file' });
    assertSmhError(await initiateUpload(server, library, reader, 'x.bin', { body: { beginningHash: hashes.beginningHash, size } }), 403, 'NoPermission');
  });

  it('overwrites like a confirm: rename by default, overwrite keeps a version when history is on', async () => {
    const { library, token } = await setup({ EnableFileHistory: true, FileHistoryCount: 3, FileHistoryExpireDay: 0 });
    const renamed = await initiateUpload(server, library, token, 'stored.bin', { body: { ...hashes, size } });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(renamed.body.path, ['stored (1).bin']);
    await put(server, library, token, 'doc.bin', 'old content');
    const blobs = await blobCount(server);
    const over = await initiateUpload(server, library, token, 'doc.bin', { strategy: 'overwrite', body: { ...hashes, size } });
    assert.equal(over.status, 200, JSON.stringify(over.body));
    assert.equal(over.body.isOverwritten, true);
    assert.equal(over.body.versionId, 2);
    assert.equal((await versionIds(server, library, token, 'doc.bin')).length, 1);
    assert.equal(await blobCount(server), blobs);
    // Overwriting a file with its own content keeps its blob alive.
    const same = await initiateUpload(server, library, token, 'stored.bin', { strategy: 'overwrite', body: { ...hashes, size } });
    assert.equal(same.status, 200, JSON.stringify(same.body));
    assert.ok((await download(server, library, token, 'stored.bin')).equals(data));
  });

  it('links blobs joined from multipart parts, whose hashes are computed while joining', async () => {
    const library = await createLibrary(server);
    const token = await adminToken(server, library);
    const parted = content(2.5 * MIB, 'parted');
    const init = await initiateUpload(server, library, token, 'parted.bin', { kind: 'multipart' });
    assert.equal(init.status, 201, JSON.stringify(init.body));
    const pieces = [parted.subarray(0, MIB), parted.subarray(MIB, 2 * MIB), parted.subarray(2 * MIB)];
    // Parts arrive out of order, as parallel clients send them.
    for (const index of [2, 0, 1]) {
      assert.equal((await putToTarget(init.body, pieces[index] as Buffer, index + 1)).status, 200);
    }
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    await makeDirectory(server, library, token, 'again');
    const linked = await initiateUpload(server, library, token, 'again/parted.bin', { body: { ...quickHashes(parted), size: String(parted.length) } });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    assert.ok((await download(server, library, token, 'again/parted.bin')).equals(parted));
  });
});
