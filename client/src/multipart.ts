import { Crc64, joinCrc64, sameCrc64 } from './crc64.js';
import { Crc64MismatchError, isAbortError, NetworkError, SmhApiError } from './errors.js';
import type { ResumeState } from './resume.js';
import { encodePath, errorFrom } from './transport.js';
import type { FileObject, UploadState, UploadTarget } from './types.js';
import { confirm, type UploadContext } from './upload.js';
import { bodyWithProgress } from './upload-body.js';

const MAX_ATTEMPTS = 4;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Holds the current part target and renews it (files.md §6.4) before it expires or after storage
 * refuses the signature; concurrent parts share one renew.
 */
class TargetHolder {
  private renewing: Promise<UploadTarget> | null = null;

  constructor(
    private readonly ctx: UploadContext,
    private readonly confirmKey: string,
    private target: UploadTarget | null,
  ) {}

  async get(): Promise<UploadTarget> {
    const margin = this.ctx.options.renewMarginMs ?? 300_000;
    if (this.target && Date.parse(this.target.expiration) - Date.now() > margin) {
      return this.target;
    }
    return this.renew();
  }

  renew(): Promise<UploadTarget> {
    this.renewing ??= this.ctx.core
      .requestJson<UploadTarget>('POST', 'file', encodeURIComponent(this.confirmKey), { query: { renew: true }, signal: this.ctx.options.signal })
      .then((target) => {
        this.target = target;
        return target;
      })
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }
}

async function putPart(ctx: UploadContext, holder: TargetHolder, partNumber: number, bytes: Uint8Array): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const target = await holder.get();
    let counted = 0;
    const { body, init, settle } = bodyWithProgress(bytes, (count) => {
      counted += count;
      ctx.meter.add(count);
    });
    const headers = Object.fromEntries(Object.entries(target.headers ?? {}).filter(([key]) => key.toLowerCase() !== 'host'));
    const query = `partNumber=${partNumber}&uploadId=${encodeURIComponent(target.uploadId ?? target.confirmKey)}`;
    const url = ctx.core.storageUrl(target.domain, target.path, query);
    try {
      let response: Response;
      try {
        response = await ctx.core.fetch(url, { method: 'PUT', headers: { ...headers, 'content-length': String(bytes.length) }, body, signal: ctx.options.signal, ...init });
      } catch (error) {
        throw isAbortError(error) ? error : new NetworkError(`PUT part ${partNumber}`, error);
      }
      if (!response.ok) {
        throw await errorFrom(response, `PUT part ${partNumber}`);
      }
      await response.body?.cancel();
      settle();
      return;
    } catch (error) {
      ctx.meter.add(-counted);
      if (isAbortError(error) || ctx.options.signal?.aborted || attempt >= MAX_ATTEMPTS) {
        throw error;
      }
      if (error instanceof SmhApiError && error.status === 403) {
        await holder.renew();
      } else if (!(error instanceof NetworkError) && !(error instanceof SmhApiError && error.status >= 500)) {
        throw error;
      }
      await sleep(250 * 2 ** attempt);
    }
  }
}

/**
 * Sends the parts the server does not have yet, `concurrency` at a time, then confirms with the
 * whole-file CRC-64 combined from the part CRCs. Parts already on the server (a resumed upload)
 * are read locally for their CRC but not sent again; should their bytes differ from the local
 * file, the confirm's CRC check fails rather than storing a mix.
 */
export async function uploadParts(ctx: UploadContext, state: ResumeState, upload: UploadState | null, target?: UploadTarget): Promise<{ file: FileObject; crc64: string }> {
  const { source, options } = ctx;
  const partCount = Math.max(1, Math.ceil(source.size / state.partSize));
  const crcs: { crc64: string; size: number }[] = new Array(partCount);
  const have = new Map<number, number>((upload?.parts ?? []).map((part) => [part.PartNumber, part.Size]));
  const known = upload?.uploadPartInfo ? { ...upload.uploadPartInfo, confirmKey: state.confirmKey } : (target ?? null);
  const holder = new TargetHolder(ctx, state.confirmKey, upload?.confirmed ? null : known);
  ctx.meter.startPhase('transfer');
  let next = 0;
  const worker = async () => {
    while (next < partCount) {
      const index = next;
      next += 1;
      const start = index * state.partSize;
      const end = Math.min(source.size, start + state.partSize);
      const bytes = await source.read(start, end, options.signal);
      crcs[index] = { crc64: new Crc64().update(bytes).digest(), size: bytes.length };
      if (upload?.confirmed || have.get(index + 1) === bytes.length) {
        ctx.meter.skip(bytes.length);
      } else {
        await putPart(ctx, holder, index + 1, bytes);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, partCount) }, worker));
  const crc64 = joinCrc64(crcs);
  let file: FileObject;
  if (upload?.confirmed) {
    // The process died between confirm and forgetting the task: the file exists; check it is ours.
    const entry = await ctx.core.requestJson<FileObject>('GET', 'directory', encodePath((upload.path ?? []).join('/') || ctx.path), { query: { info: true } });
    if (!sameCrc64(entry.crc64 ?? '', crc64)) {
      throw new Crc64MismatchError(ctx.path, crc64, entry.crc64 ?? '(none)', 'upload');
    }
    file = entry;
  } else {
    try {
      file = await confirm(ctx, state.confirmKey, crc64);
    } catch (error) {
      if (error instanceof Crc64MismatchError) {
        await options.resume?.store.delete(options.resume.key);
      }
      throw error;
    }
  }
  await options.resume?.store.delete(options.resume.key);
  return { file, crc64 };
}
