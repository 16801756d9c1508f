import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { fileUrl } from './entry-client.js';
import { call, type JsonResponse, type Library } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Media made in the test (sharp, ffmpeg), so no binary fixtures are committed. */
const run = promisify(execFile);

export function solid(width: number, height: number, color: { r: number; g: number; b: number; alpha?: number }) {
  return sharp({ create: { width, height, channels: color.alpha === undefined ? 3 : 4, background: color } });
}

/** An ffmpeg output file's bytes; `args` are the input/filter options, `name` picks the container. */
export async function ffmpegMake(name: string, args: string[]): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'opensmh-media-test-'));
  try {
    const out = join(dir, name);
    await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args, out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A one-page PDF with a line of text, built by hand (offsets computed, so it is valid). */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface Fetched {
  location: string;
  status: number;
  headers: Headers;
  body: Buffer;
}

/** `?preview` (plus params): asserts the 302 and follows its Location. */
export async function preview(server: TestServer, library: Library, token: string, path: string, params: Record<string, string> = {}): Promise<Fetched> {
  const response: JsonResponse = await call(server, 'GET', fileUrl(library, path, token, { preview: '', ...params }));
  assert.equal(response.status, 302, `${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return follow(response.headers.get('location') as string);
}

export async function follow(location: string): Promise<Fetched> {
  const fetched = await fetch(location);
  return { location, status: fetched.status, headers: fetched.headers, body: Buffer.from(await fetched.arrayBuffer()) };
}

/** Real dimensions and format of image bytes. */
export async function imageFacts(bytes: Buffer): Promise<{ width: number; height: number; format: string }> {
  const meta = await sharp(bytes).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format ?? '' };
}

/** Average colour of an image's centre pixel. */
export async function centrePixel(bytes: Buffer): Promise<[number, number, number]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
  return [data[i] as number, data[i + 1] as number, data[i + 2] as number];
}
