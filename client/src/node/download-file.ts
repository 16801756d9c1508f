import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OpenSmhClient } from '../index.js';
import { Crc64 } from '../crc64.js';
import { Crc64MismatchError } from '../errors.js';
import type { DownloadOptions, DownloadResult } from '../download.js';

export interface DownloadFileOptions extends Omit<DownloadOptions, 'offset' | 'prefixCrc64' | 'expectEtag'> {
  /** continue a `<file>.opensmh-part` left by an interrupted download (default true) */
  resume?: boolean;
}

async function crcOfFile(path: string): Promise<string> {
  const crc = new Crc64();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    crc.update(chunk as Buffer);
  }
  return crc.digest();
}

/**
 * Downloads to `localPath` through `<localPath>.opensmh-part` (+ `.json` with the eTag), renamed
 * into place only after the CRC-64 matched. A second call after a crash continues with Range from
 * the partial file's end, when the remote file is still the same (eTag).
 */
export async function downloadFile(client: OpenSmhClient, remotePath: string, localPath: string, options: DownloadFileOptions = {}): Promise<DownloadResult> {
  const part = `${localPath}.opensmh-part`;
  const sidecar = `${part}.json`;
  await mkdir(dirname(localPath), { recursive: true });
  let offset = 0;
  let prefixCrc64: string | undefined;
  let expectEtag: string | undefined;
  if (options.resume !== false) {
    try {
      const saved = JSON.parse(await readFile(sidecar, 'utf8')) as { eTag: string; path: string };
      const partial = await stat(part);
      if (saved.path === remotePath && partial.size > 0) {
        offset = partial.size;
        prefixCrc64 = await crcOfFile(part);
        expectEtag = saved.eTag;
      }
    } catch {
      offset = 0;
    }
  }
  if (offset === 0) {
    await rm(part, { force: true });
  }
  const handle = await open(part, offset === 0 ? 'w' : 'a');
  try {
    const info = await client.fileInfo(remotePath, { historyId: options.historyId, signal: options.signal });
    if (expectEtag !== undefined && info.eTag !== expectEtag) {
      // The remote file changed: what we hold is worthless.
      await handle.truncate(0);
      offset = 0;
      prefixCrc64 = undefined;
      expectEtag = undefined;
    }
    await writeFile(sidecar, JSON.stringify({ eTag: info.eTag, path: remotePath }));
    if (offset > Number(info.size ?? 0)) {
      await handle.truncate(0);
      offset = 0;
      prefixCrc64 = undefined;
    }
    const result = await client.downloadTo(
      remotePath,
      { write: async (chunk) => void (await handle.write(chunk)) },
      { ...options, offset, prefixCrc64, expectEtag: info.eTag },
    );
    await handle.sync();
    await handle.close();
    await rename(part, localPath);
    await rm(sidecar, { force: true });
    return result;
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof Crc64MismatchError) {
      // Bad bytes are not worth resuming from.
      await rm(part, { force: true });
      await rm(sidecar, { force: true });
    }
    throw error;
  }
}
