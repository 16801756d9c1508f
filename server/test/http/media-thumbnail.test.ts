import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { blobKeyOf } from '../helpers/entry-client.js';
import { centrePixel, ffmpegMake, follow, imageFacts, preview, solid } from '../helpers/media-client.js';
import { binUrl, recycle } from '../helpers/recycle-client.js';
import { adminToken, assertSmhError, call, createLibrary, fileUrl, type Library, uploadFile } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { historyLibrary, versionIds } from '../helpers/version-client.js';

describe('thumbnails (files.md §7.6)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
  });
  after(async () => {
    await server.close();
  });
  const put = async (path: string, bytes: Buffer) => {
    const response = await uploadFile(server, library, token, path, bytes);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  };

  it('crops JPEG to size×size, scales, and fits width_size / height_size', async () => {
    await put('photo.jpg', await solid(400, 200, { r: 200, g: 30, b: 30 }).jpeg().toBuffer());
    const square = await preview(server, library, token, 'photo.jpg', { size: '64' });
    assert.equal(square.status, 200);
    assert.equal(square.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(await imageFacts(square.body), { width: 64, height: 64, format: 'jpeg' });
    assert.deepEqual(await imageFacts((await preview(server, library, token, 'photo.jpg', { scale: '25' })).body), { width: 100, height: 50, format: 'jpeg' });
    assert.deepEqual(await imageFacts((await preview(server, library, token, 'photo.jpg', { width_size: '100' })).body), { width: 100, height: 50, format: 'jpeg' });
    assert.deepEqual(await imageFacts((await preview(server, library, token, 'photo.jpg', { height_size: '20' })).body), { width: 40, height: 20, format: 'jpeg' });
    // size wins over the others; purpose and mobile are accepted
    assert.deepEqual(await imageFacts((await preview(server, library, token, 'photo.jpg', { size: '32', scale: '50', purpose: 'list', mobile: '' })).body), { width: 32, height: 32, format: 'jpeg' });
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'photo.jpg', { preview: '', scale: '150' })), 400, 'ParamInvalid');
    assertSmhError(await call(server, 'GET', fileUrl(library, token, 'photo.jpg', { preview: '', size: 'big' })), 400, 'ParamInvalid');
  });

  it('applies EXIF orientation', async () => {
    // Stored landscape 60×40 with orientation 6 ("rotate 90° clockwise"): upright it is portrait.
    await put('rotated.jpg', await solid(60, 40, { r: 10, g: 200, b: 10 }).withMetadata({ orientation: 6 }).jpeg().toBuffer());
    const original = await preview(server, library, token, 'rotated.jpg');
    assert.deepEqual(await imageFacts(original.body), { width: 40, height: 60, format: 'jpeg' });
    // the rendition is upright and says so: no orientation tag left for a viewer to apply twice
    assert.equal((await sharp(original.body).metadata()).orientation ?? 1, 1);
    assert.deepEqual(await imageFacts((await preview(server, library, token, 'rotated.jpg', { width_size: '20' })).body), { width: 20, height: 30, format: 'jpeg' });
  });

  it('renders PNG with alpha as PNG, WebP, AVIF and TIFF', async () => {
    await put('alpha.png', await solid(200, 100, { r: 0, g: 0, b: 255, alpha: 0.5 }).png().toBuffer());
    const png = await preview(server, library, token, 'alpha.png', { scale: '50' });
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual(await imageFacts(png.body), { width: 100, height: 50, format: 'png' });
    for (const [name, bytes] of [
      ['pic.webp', await solid(120, 80, { r: 1, g: 2, b: 3 }).webp().toBuffer()],
      ['pic.avif', await solid(120, 80, { r: 1, g: 2, b: 3 }).avif().toBuffer()],
      ['pic.tiff', await solid(120, 80, { r: 1, g: 2, b: 3 }).tiff().toBuffer()],
    ] as const) {
      await put(name, bytes);
      assert.deepEqual(await imageFacts((await preview(server, library, token, name, { size: '40' })).body), { width: 40, height: 40, format: 'jpeg' }, name);
    }
  });

  it('picks a GIF frame with frame_number', async () => {
    // three 40×40 frames: red, green, blue
    const frames = Buffer.concat([[255, 0, 0], [0, 255, 0], [0, 0, 255]].map(([r, g, b]) => Buffer.alloc(40 * 40 * 3, Buffer.from([r as number, g as number, b as number]))));
    const gif = await sharp(frames, { raw: { width: 40, height: 120, channels: 3, pageHeight: 40 } }).gif().toBuffer();
    await put('anim.gif', gif);
    const first = await centrePixel((await preview(server, library, token, 'anim.gif', { size: '20' })).body);
    const third = await centrePixel((await preview(server, library, token, 'anim.gif', { size: '20', frame_number: '2' })).body);
    assert.ok(first[0] > 200 && first[2] < 50, `frame 0 is red: ${first}`);
    assert.ok(third[2] > 200 && third[0] < 50, `frame 2 is blue: ${third}`);
    // beyond the last frame: the last frame
    assert.deepEqual(await centrePixel((await preview(server, library, token, 'anim.gif', { size: '20', frame_number: '99' })).body), third);
  });

  it('decodes BMP through ffmpeg and covers videos with their first frame', async () => {
    await put('pic.bmp', await ffmpegMake('x.bmp', ['-f', 'lavfi', '-i', 'color=c=red:s=64x48', '-frames:v', '1']));
    assert.deepEqual(await imageFacts((await preview(server, library, token, 'pic.bmp', { size: '32' })).body), { width: 32, height: 32, format: 'jpeg' });
    for (const name of ['clip.mp4', 'clip.webm', 'clip.mov']) {
      await put(name, await ffmpegMake(name, ['-f', 'lavfi', '-i', 'color=c=blue:s=160x120:d=1', '-r', '5']));
      const cover = await preview(server, library, token, name);
      assert.deepEqual(await imageFacts(cover.body), { width: 160, height: 120, format: 'jpeg' }, name);
      const [r, , b] = await centrePixel(cover.body);
      assert.ok(b > 200 && r < 50, `${name} cover is the blue frame`);
      assert.deepEqual(await imageFacts((await preview(server, library, token, name, { size: '48' })).body), { width: 48, height: 48, format: 'jpeg' });
    }
  });

  it('redirects what it cannot render to the download URL, as SMH does', async () => {
    await put('notes.zip', Buffer.from('PK\x05\x06' + '\0'.repeat(18)));
    await put('image.heic', Buffer.from('not really heic'));
    for (const name of ['notes.zip', 'image.heic']) {
      const response = await call(server, 'GET', fileUrl(library, token, name, { preview: '', size: '64' }));
      assert.equal(response.status, 302);
      assert.equal(new URL(response.headers.get('location') as string).searchParams.get('k'), await blobKeyOf(server, library, token, name));
    }
  });

  it('previews a recycled file (R3) the same way', async () => {
    const binned = await createLibrary(server, { UseRecycleBin: true });
    const binToken = await adminToken(server, binned);
    assert.equal((await uploadFile(server, binned, binToken, 'gone.jpg', await solid(90, 60, { r: 5, g: 5, b: 5 }).jpeg().toBuffer())).status, 200);
    const item = await recycle(server, binned, binToken, 'file', 'gone.jpg');
    const response = await call(server, 'GET', binUrl(binned, binToken, { preview: '', size: '24' }, { item }));
    assert.equal(response.status, 302, JSON.stringify(response.body));
    assert.deepEqual(await imageFacts((await follow(response.headers.get('location') as string)).body), { width: 24, height: 24, format: 'jpeg' });
  });

  it('previews an old version with history_id', async () => {
    const versioned = await historyLibrary(server);
    const vToken = await adminToken(server, versioned);
    for (const side of [50, 70]) {
      const response = await uploadFile(server, versioned, vToken, 'v.jpg', await solid(side, side, { r: 0, g: 0, b: 0 }).jpeg().toBuffer(), { strategy: 'overwrite' });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
    const [oldId] = await versionIds(server, versioned, vToken, 'v.jpg');
    assert.deepEqual(await imageFacts((await preview(server, versioned, vToken, 'v.jpg')).body), { width: 70, height: 70, format: 'jpeg' });
    assert.deepEqual(await imageFacts((await preview(server, versioned, vToken, 'v.jpg', { history_id: String(oldId) })).body), { width: 50, height: 50, format: 'jpeg' });
  });
});
