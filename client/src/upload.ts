import { splitPath, type SmhCore } from './client.js';
import { Crc64, sameCrc64 } from './crc64.js';
import { Crc64MismatchError, SmhApiError } from './errors.js';
import { uploadParts } from './multipart.js';
import { ProgressMeter } from './progress.js';
import { beginningHash, fullHash, QUICK_HASH_CHUNK } from './quick-hash.js';
import type { ResumeState, ResumeStore } from './resume.js';
import { blobSource, bytesSource, type UploadSource } from './source.js';
import { encodePath, errorFrom, readJson } from './transport.js';
import type { ConflictStrategy, FileObject, ProgressListener, UploadState, UploadTarget } from './types.js';
import { bodyWithProgress } from './upload-body.js';

const MIB = 1024 * 1024;

export interface UploadOptions {
  /** name clash handling (default: the library's default, normally `rename`) */
  strategy?: ConflictStrategy;
  /** try SMH's instant upload (dedupe by hash) for files of 1 MiB and more (default true) */
  instant?: boolean;
  /** files above this go multipart (default 32 MiB) */
  multipartThreshold?: number;
  /** part size (default 8 MiB; grown so that there are at most 10,000 parts) */
  partSize?: number;
  /** parts in flight at once (default 4) */
  concurrency?: number;
  /** where a multipart upload records how to continue after a crash */
  resume?: { store: ResumeStore; key: string };
  /** custom metadata, sent as `x-smh-meta-<key>` */
  metadata?: Record<string, string>;
  labels?: string[];
  category?: string;
  localCreationTime?: string;
  localModificationTime?: string;
  /** renew multipart signatures this long before they expire (default 5 minutes) */
  renewMarginMs?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface UploadResult {
  file: FileObject;
  /** the CRC-64 computed locally, equal to the server's */
  crc64: string;
  /** true when the server linked existing bytes (instant upload) */
  instant: boolean;
  /** bytes sent over the network, and bytes a resumed upload found already there */
  sentBytes: number;
  reusedBytes: number;
}

/** What uploadParts needs from the upload flow. */
export interface UploadContext {
  core: SmhCore;
  path: string;
  source: UploadSource;
  options: UploadOptions;
  meter: ProgressMeter;
}

export function toSource(input: UploadSource | Uint8Array | string | Blob): UploadSource {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    return bytesSource(input);
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return blobSource(input);
  }
  return input as UploadSource;
}

function choosePartSize(size: number, wanted = 8 * MIB): number {
  return Math.max(wanted, Math.ceil(size / 10_000 / MIB) * MIB);
}

function initiateBody(options: UploadOptions, extra: Record<string, string> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...extra };
  for (const key of ['labels', 'category', 'localCreationTime', 'localModificationTime'] as const) {
    if (options[key] !== undefined) {
      body[key] = options[key];
    }
  }
  return body;
}

function metaHeaders(options: UploadOptions): Record<string, string> {
  return Object.fromEntries(Object.entries(options.metadata ?? {}).map(([key, value]) => [`x-smh-meta-${key.toLowerCase()}`, value]));
}

/**
 * Initiates (files.md §6.1/6.2), with the quick-upload probe first when asked: 201 → a target,
 * 202 → send the full hash, 200 → done without sending a byte.
 */
async function initiate(ctx: UploadContext, multipart: boolean, crc: Crc64 | null): Promise<UploadTarget | { file: FileObject; crc64: string }> {
  const { core, path, source, options } = ctx;
  const call = async (hashes: Record<string, string>) =>
    core.request(multipart ? 'POST' : 'PUT', 'file', encodePath(path), {
      query: { multipart: multipart || undefined, conflict_resolution_strategy: options.strategy, filesize: source.size },
      headers: metaHeaders(options),
      json: initiateBody(options, hashes),
      signal: options.signal,
      accept: [202],
    });
  let response: Response;
  if (crc && source.size >= QUICK_HASH_CHUNK) {
    const hashes: Record<string, string> = { beginningHash: await beginningHash(source, options.signal), size: String(source.size) };
    response = await call(hashes);
    if (response.status === 202) {
      await response.body?.cancel();
      ctx.meter.startPhase('hash');
      hashes.fullHash = await fullHash(source, options.signal, (chunk) => {
        crc.update(chunk);
        ctx.meter.add(chunk.length);
      });
      response = await call(hashes);
    }
    if (response.status === 200) {
      const file = await readJson<FileObject>(response);
      // The full-hash pass fed the CRC too, so a linked file is checked against our bytes.
      const local = crc.digest();
      if (!sameCrc64(file.crc64 ?? '', local)) {
        throw new Crc64MismatchError(path, local, file.crc64 ?? '(none)', 'upload');
      }
      return { file, crc64: local };
    }
  } else {
    response = await call({});
  }
  return readJson<UploadTarget>(response);
}

/** POST {confirmKey}?confirm with the local CRC; the server answers BadCrc64 when its bytes differ. */
export async function confirm(ctx: UploadContext, confirmKey: string, crc64: string): Promise<FileObject> {
  let file: FileObject;
  try {
    file = await ctx.core.requestJson<FileObject>('POST', 'file', encodeURIComponent(confirmKey), {
      query: { confirm: true },
      json: initiateBody(ctx.options, { crc64 }),
      signal: ctx.options.signal,
    });
  } catch (error) {
    if (error instanceof SmhApiError && error.code === 'BadCrc64') {
      // The stored bytes are not ours: drop the task so a retry starts clean.
      await cancelUpload(ctx.core, confirmKey).catch(() => undefined);
      throw new Crc64MismatchError(ctx.path, crc64, '(server computed a different CRC-64)', 'upload');
    }
    throw error;
  }
  if (file.crc64 !== undefined && !sameCrc64(file.crc64, crc64)) {
    throw new Crc64MismatchError(ctx.path, crc64, file.crc64, 'upload');
  }
  return file;
}

export async function cancelUpload(core: SmhCore, confirmKey: string): Promise<void> {
  await core.request('DELETE', 'file', encodeURIComponent(confirmKey), { query: { upload: true } });
}

export function uploadState(core: SmhCore, confirmKey: string, signal?: AbortSignal): Promise<UploadState> {
  return core.requestJson<UploadState>('GET', 'file', encodeURIComponent(confirmKey), { query: { upload: true }, signal });
}

async function simpleUpload(ctx: UploadContext, target: UploadTarget): Promise<{ file: FileObject; crc64: string }> {
  const bytes = await ctx.source.read(0, ctx.source.size, ctx.options.signal);
  const crc64 = new Crc64().update(bytes).digest();
  ctx.meter.startPhase('transfer');
  const { body, init, settle } = bodyWithProgress(bytes, (count) => ctx.meter.add(count));
  const headers = Object.fromEntries(Object.entries(target.headers ?? {}).filter(([key]) => key.toLowerCase() !== 'host'));
  const response = await ctx.core.fetch(ctx.core.storageUrl(target.domain, target.path), {
    method: 'PUT',
    headers: { ...headers, 'content-length': String(bytes.length) },
    body,
    signal: ctx.options.signal,
    ...init,
  });
  if (!response.ok) {
    throw await errorFrom(response, `PUT ${target.domain}${target.path.split('?')[0]}`);
  }
  await response.body?.cancel();
  settle();
  return { file: await confirm(ctx, target.confirmKey, crc64), crc64 };
}

/** A multipart task to continue: its server state, if the task still exists and fits the source. */
async function resumable(ctx: UploadContext): Promise<{ state: ResumeState; upload: UploadState } | null> {
  const resume = ctx.options.resume;
  const state = resume ? await resume.store.get(resume.key) : undefined;
  if (!resume || !state || state.size !== ctx.source.size || state.path !== ctx.path) {
    return null;
  }
  try {
    return { state, upload: await uploadState(ctx.core, state.confirmKey, ctx.options.signal) };
  } catch (error) {
    if (error instanceof SmhApiError && (error.status === 404 || error.status === 403)) {
      await resume.store.delete(resume.key);
      return null;
    }
    throw error;
  }
}

/**
 * Uploads `input` to `path`: simple below the multipart threshold, multipart (parallel, resumable,
 * renewed before expiry) above it, instant when the server already has the bytes. The local
 * CRC-64 goes with the confirm and is compared with the server's answer.
 */
export async function upload(core: SmhCore, path: string, input: UploadSource | Uint8Array | string | Blob, options: UploadOptions = {}): Promise<UploadResult> {
  const source = toSource(input);
  const ctx: UploadContext = { core, path: splitPath(path).join('/'), source, options, meter: new ProgressMeter(options.onProgress, 'upload', path, source.size) };
  const multipart = source.size > (options.multipartThreshold ?? 32 * MIB);
  const finish = (file: FileObject, crc64: string, instant: boolean): UploadResult => {
    ctx.meter.done();
    return { file, crc64, instant, sentBytes: instant ? 0 : ctx.meter.sent, reusedBytes: ctx.meter.reused };
  };
  if (multipart) {
    const previous = await resumable(ctx);
    if (previous) {
      const done = await uploadParts(ctx, previous.state, previous.upload);
      return finish(done.file, done.crc64, false);
    }
  }
  const started = await initiate(ctx, multipart, options.instant === false ? null : new Crc64());
  if ('file' in started) {
    return finish(started.file, started.crc64, true);
  }
  if (!multipart) {
    const done = await simpleUpload(ctx, started);
    return finish(done.file, done.crc64, false);
  }
  const state: ResumeState = {
    confirmKey: started.confirmKey,
    partSize: choosePartSize(source.size, options.partSize),
    size: source.size,
    path: ctx.path,
    startedAt: new Date().toISOString(),
  };
  await options.resume?.store.set(options.resume.key, state);
  const done = await uploadParts(ctx, state, null, started);
  return finish(done.file, done.crc64, false);
}
