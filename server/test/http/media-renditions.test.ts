import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { OrphanBlobSweep } from '../../src/jobs/sweep-orphan-blobs.js';
import { blobExists, blobKeyOf, dirUrl, mkdirOk } from '../helpers/entry-client.js';
import { centrePixel, ffmpegMake, follow, imageFacts, preview, solid } from '../helpers/media-client.js';
import { adminToken, call, createLibrary, fileUrl, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Rendition lifecycle: made once, shared by files with the same bytes, gone with the last of them. */
describe('renditions', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  const logLines: { msg?: string; rendition?: { params: string; sourceKey: string } }[] = [];
  before(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        logLines.push(JSON.parse(line));
      }
    });
    server = await startServer({}, { logStream });
    library = await createLibrary(server, { UseRecycleBin: false });
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });
  const put = async (path: string, bytes: Buffer) => {
    const response = await uploadFile(server, library, token, path, bytes);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const renders = (sourceKey: string, params: string) =>
    logLines.filter((l) => l.msg === 'rendition rendered' && l.rendition?.sourceKey === sourceKey && l.rendition.params === params).length;
  const renditionKey = (location: string) => new URL(location).searchParams.get('k') as string;

  it('logs which media kinds are available at start', () => {
    const line = logLines.find((l) => l.msg === 'media kinds available') as { media?: Record<string, boolean> } | undefined;
    assert.ok(line?.media);
    assert.equal(line.media.images, true);
    assert.equal(line.media.videoCovers, true);
  });

  it('renders concurrent identical requests once and serves the kept rendition afterwards', async () => {
    await put('burst.jpg', await solid(300, 200, { r: 9, g: 9, b: 9 }).jpeg().toBuffer());
    const source = await blobKeyOf(server, library, token, 'burst.jpg');
    const results = await Promise.all(Array.from({ length: 8 }, () => preview(server, library, token, 'burst.jpg', { size: '77' })));
    const keys = new Set(results.map((r) => renditionKey(r.location)));
    assert.equal(keys.size, 1);
    assert.equal(renders(source, 'thumb:s77'), 1);
    const again = await preview(server, library, token, 'burst.jpg', { size: '77' });
    assert.equal(renditionKey(again.location), [...keys][0]);
    assert.equal(renders(source, 'thumb:s77'), 1);
    assert.deepEqual(await imageFacts(again.body), { width: 77, height: 77, format: 'jpeg' });
  });

  it('shares renditions between files with the same bytes and deletes them with the last one', async () => {
    await put('a.jpg', await solid(120, 90, { r: 50, g: 60, b: 70 }).jpeg().toBuffer());
    assert.equal((await call(server, 'PUT', fileUrl(library, token, 'b.jpg'), { body: { copyFrom: 'a.jpg' } })).status < 300, true);
    const source = await blobKeyOf(server, library, token, 'a.jpg');
    assert.equal(await blobKeyOf(server, library, token, 'b.jpg'), source);
    const rendition = renditionKey((await preview(server, library, token, 'a.jpg', { size: '30' })).location);
    assert.equal(renditionKey((await preview(server, library, token, 'b.jpg', { size: '30' })).location), rendition);
    assert.ok(await blobExists(server, rendition));

    // the orphan sweep leaves kept renditions alone (it deletes on the second pass)
    const sweep = new OrphanBlobSweep({ meta: server.stores.meta, blob: server.stores.blob });
    await sweep.run();
    await sweep.run();
    assert.ok(await blobExists(server, rendition));

    assert.equal((await call(server, 'DELETE', fileUrl(library, token, 'a.jpg'))).status, 204);
    assert.ok(await blobExists(server, rendition), 'b.jpg still uses the bytes');
    assert.equal((await call(server, 'DELETE', fileUrl(library, token, 'b.jpg'))).status, 204);
    assert.equal(await blobExists(server, rendition), false);
    assert.equal(await blobExists(server, source), false);
    assert.equal(await server.stores.meta.renditions.get(source, 'thumb:s30'), null);
  });

  it('keeps nothing for input it cannot render, and does not retry it on every request', async () => {
    const before = await countBlobs(server);
    await put('broken.png', Buffer.from('\x89PNG\r\n\x1a\nthis is not a png'));
    const source = await blobKeyOf(server, library, token, 'broken.png');
    for (let i = 0; i < 3; i += 1) {
      const response = await call(server, 'GET', fileUrl(library, token, 'broken.png', { preview: '', size: '40' }));
      assert.equal(response.status, 302);
      assert.equal(renditionKey(response.headers.get('location') as string), source);
    }
    assert.equal(renders(source, 'thumb:s40'), 1);
    assert.equal(await countBlobs(server), before + 1, 'only the upload itself');
  });

  it('reports video media info on /api/v1/hls ?info and flags what renders', async () => {
    await put('clip.mp4', await ffmpegMake('clip.mp4', ['-f', 'lavfi', '-i', 'testsrc=s=160x120:d=2:r=10', '-c:v', 'libx264', '-pix_fmt', 'yuv420p']));
    const info = await call(server, 'GET', `/api/v1/hls/${library.libraryId}/-/clip.mp4?info&access_token=${token}`);
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.width, 160);
    assert.equal(info.body.height, 120);
    assert.ok(Math.abs(info.body.duration - 2) < 0.2, String(info.body.duration));
    assert.ok(info.body.bitrate > 0);
    const notVideo = await call(server, 'GET', `/api/v1/hls/${library.libraryId}/-/burst.jpg?info&access_token=${token}`);
    assert.equal(notVideo.status, 400);
    assert.equal(notVideo.body.code, 'UnsupportedFileType');
    await put('doc.pdf', Buffer.from('%PDF-1.4'));
    await put('pack.zip', Buffer.from('zip'));
    const listing = await call(server, 'GET', dirUrl(library, '', token));
    const flags = Object.fromEntries(listing.body.contents.map((e: { name: string; previewByCI: boolean; previewByDoc: boolean; previewAsIcon: boolean }) => [e.name, [e.previewByCI, e.previewAsIcon, e.previewByDoc]]));
    assert.deepEqual(flags['clip.mp4'], [true, true, false]);
    assert.deepEqual(flags['burst.jpg'], [true, true, false]);
    assert.deepEqual(flags['doc.pdf'], [false, false, true]);
    assert.deepEqual(flags['pack.zip'], [false, false, false]);
  });

  describe('albums', () => {
    let album: Library;
    let albumToken: string;
    before(async () => {
      album = await createLibrary(server, { IsFileLibrary: false, IsMultiAlbum: true });
      albumToken = await adminToken(server, album);
      await mkdirOk(server, album, albumToken, 'trip');
    });

    it('pre-renders the grid thumbnail and reads media info right after upload', async () => {
      const response = await uploadFile(server, album, albumToken, 'trip/first.jpg', await solid(300, 200, { r: 220, g: 20, b: 20 }).jpeg().toBuffer());
      assert.equal(response.status, 200);
      const source = await blobKeyOf(server, album, albumToken, 'trip/first.jpg');
      server.app.worker.wake();
      const kept = await waitFor(() => server.stores.meta.renditions.get(source, 'thumb:s256'));
      assert.equal(kept.width, 256);
      const info = JSON.parse((await server.stores.meta.renditions.getInfo(source))?.info ?? '{}');
      assert.deepEqual([info.kind, info.width, info.height, info.hasGps], ['image', 300, 200, false]);
      // the request finds the pre-rendered one
      assert.equal(renditionKey((await preview(server, album, albumToken, 'trip/first.jpg', { size: '256' })).location), kept.blobKey);
    });

    it('answers the album cover (D13) with the first medium, and SMH errors elsewhere', async () => {
      const later = await uploadFile(server, album, albumToken, 'trip/second.jpg', await solid(100, 100, { r: 20, g: 20, b: 220 }).jpeg().toBuffer());
      assert.equal(later.status, 200);
      const cover = await call(server, 'GET', `/api/v1/album/${album.libraryId}/-/cover/trip?size=50&access_token=${albumToken}`);
      assert.equal(cover.status, 302, JSON.stringify(cover.body));
      const image = await follow(cover.headers.get('location') as string);
      assert.deepEqual(await imageFacts(image.body), { width: 50, height: 50, format: 'jpeg' });
      const [r, , b] = await centrePixel(image.body);
      assert.ok(r > 180 && b < 60, 'the first (red) photo is the cover');
      const root = await call(server, 'GET', `/api/v1/album/${album.libraryId}/-/cover?size=50&access_token=${albumToken}`);
      assert.equal(root.body.code, 'CoverNotSupportedInRootDirectory');
      const missing = await call(server, 'GET', `/api/v1/album/${album.libraryId}/-/cover/nope?access_token=${albumToken}`);
      assert.equal(missing.body.code, 'DirectoryNotFound');
      const files = await call(server, 'GET', `/api/v1/album/${library.libraryId}/-/cover?access_token=${token}`);
      assert.equal(files.status, 400);
      assert.equal(files.body.code, 'CoverNotSupportedInFileLibrary');
    });

    it('covers a single-album space without an album name, a video giving its first frame', async () => {
      const single = await createLibrary(server, { IsFileLibrary: false });
      const singleToken = await adminToken(server, single);
      const clip = await ffmpegMake('c.mp4', ['-f', 'lavfi', '-i', 'color=c=green:s=96x64:d=1', '-r', '5']);
      assert.equal((await uploadFile(server, single, singleToken, 'clip.mp4', clip)).status, 200);
      const cover = await call(server, 'GET', `/api/v1/album/${single.libraryId}/-/cover?size=32&access_token=${singleToken}`);
      assert.equal(cover.status, 302, JSON.stringify(cover.body));
      assert.deepEqual(await imageFacts((await follow(cover.headers.get('location') as string)).body), { width: 32, height: 32, format: 'jpeg' });
      const empty = await createLibrary(server, { IsFileLibrary: false });
      const emptyToken = await adminToken(server, empty);
      assert.equal((await call(server, 'GET', `/api/v1/album/${empty.libraryId}/-/cover?access_token=${emptyToken}`)).body.code, 'FileNotFound');
    });
  });
});

async function countBlobs(server: TestServer): Promise<number> {
  let count = 0;
  for await (const _key of server.stores.blob.listKeys()) {
    count += 1;
  }
  return count;
}

/** Polls until `probe` yields a value (a background job's effect); fails after a generous bound. */
async function waitFor<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (value) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('background job did not finish');
}
