import type { Readable } from 'node:stream';
import type { DownloadOffload } from '../config/download-offload.js';
import { SmhError } from '../errors/smh-error.js';
import { effectiveDisposition } from '../lib/active-content.js';
import { contentDisposition } from '../lib/content-disposition.js';
import type { RangeResult } from '../lib/range.js';
import type { Signer } from '../lib/signing.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Entry, MetaStore } from '../stores/meta/meta-store.js';
import type { Actor } from './actor.js';
import type { Clock } from './deps.js';
import { FileService } from './file.service.js';
import { followSymlink } from './symlink-chain.js';
import { historicalContent } from './version-lookup.js';

export const OBJECT_PREFIX = '/storage/v1/object/';
const PURPOSE = 'download';

export interface SignedObject {
  blobKey: string;
  name: string;
  contentType: string;
  disposition: 'inline' | 'attachment';
  etag: string;
}

export interface SignedUrl {
  url: string;
  expiresAt: number;
}

const FIELDS = (o: SignedObject) => [o.blobKey, o.name, o.contentType, o.disposition, o.etag];

/**
 * Downloads the way SMH does them: the API answers with file headers and a short-lived signed
 * URL; the URL (served by this server, or a presigned S3 URL later) streams the bytes.
 */
export class DownloadService {
  private readonly files: FileService;

  constructor(private readonly deps: { meta: MetaStore; blob: BlobStore; clock: Clock; signer: Signer; ttlSeconds: number; presignDirect: boolean; offload?: DownloadOffload }) {
    this.files = new FileService(deps);
  }

  /** The file to download, or with `history_id` one of its historical versions (version-lookup.ts). */
  async resolve(actor: Actor, spaceId: string, rawPath: string, historyId: string | undefined): Promise<Entry> {
    const named = await this.files.info(actor, spaceId, rawPath);
    if (named.type === 'virtual') {
      throw new SmhError('UnsupportedFileType', 'A virtual file has no content to download.');
    }
    // A symlink serves its target's bytes under its own name and type (files.md §7.1, §8.4).
    const current = named.type === 'symlink' ? await followSymlink(this.deps.meta, named) : named;
    const content = historyId === undefined || historyId === '' ? current : await historicalContent(this.deps.meta, current, historyId);
    if (!content.blobKey) {
      throw new SmhError('FileNotFound', 'The entry has no content.');
    }
    return named.type === 'symlink' ? { ...content, type: 'symlink', name: named.name } : content;
  }

  /**
   * The `Location` of a download: a presigned URL straight at the object store when it can make
   * one (and downloads are not proxied), otherwise this server's own signed URL.
   */
  async signedUrl(entry: Entry, baseUrl: string, disposition: 'inline' | 'attachment', periodSeconds?: number, options: { proxy?: boolean } = {}): Promise<SignedUrl> {
    const ttl = Math.min(periodSeconds ?? this.deps.ttlSeconds, this.deps.ttlSeconds);
    const expiresAt = this.deps.clock.now() + ttl * 1000;
    const blob = this.deps.blob;
    // `proxy`: bytes that need this server's response headers (sandboxed HTML previews).
    if (this.deps.presignDirect && !options.proxy && blob.capabilities.presign && blob.presignGet && entry.blobKey) {
      const url = await blob.presignGet(entry.blobKey, {
        expiresInSeconds: ttl,
        contentType: entry.contentType,
        // The bucket's origin is not ours, but a bucket may sit behind the same site: never inline active types.
        contentDisposition: contentDisposition(effectiveDisposition(entry.contentType, disposition), entry.name),
      });
      return { url, expiresAt };
    }
    const expires = Math.floor(expiresAt / 1000);
    const object: SignedObject = {
      blobKey: entry.blobKey as string,
      name: entry.name,
      contentType: entry.contentType,
      disposition,
      etag: entry.etag,
    };
    const signature = this.deps.signer.sign(PURPOSE, FIELDS(object), expires);
    const query = new URLSearchParams({
      k: object.blobKey,
      ct: object.contentType,
      d: disposition,
      t: object.etag,
      e: String(expires),
      s: signature,
    });
    return { url: `${baseUrl}${OBJECT_PREFIX}${encodeURIComponent(entry.name)}?${query}`, expiresAt };
  }

  /** Checks a signed URL; expired and tampered ones are refused alike. */
  verify(name: string, query: Record<string, string | undefined>): SignedObject {
    const disposition = query.d === 'attachment' ? 'attachment' : 'inline';
    const object: SignedObject = {
      blobKey: query.k ?? '',
      name,
      contentType: query.ct ?? '',
      disposition,
      etag: query.t ?? '',
    };
    if (!this.deps.signer.verify(PURPOSE, FIELDS(object), Number(query.e), query.s ?? '', this.deps.clock.now())) {
      throw new SmhError('InvalidSignature', 'The download link is invalid or has expired.');
    }
    return object;
  }

  /**
   * The header that hands the bytes to the front web server (OPENSMH_DOWNLOAD_OFFLOAD), or null
   * when this server streams them itself (no offload configured, or blobs not on local disk).
   */
  offloadHeader(object: SignedObject): { name: string; value: string } | null {
    const offload = this.deps.offload ?? { kind: 'none' };
    const file = offload.kind === 'none' ? undefined : this.deps.blob.localFile?.(object.blobKey);
    if (!file) {
      return null;
    }
    return offload.kind === 'x-accel-redirect'
      ? { name: 'X-Accel-Redirect', value: `${offload.prefix}${file.relative}` }
      : { name: 'X-Sendfile', value: file.absolute };
  }

  async size(object: SignedObject): Promise<number> {
    const blob = (await this.deps.meta.blobs.get(object.blobKey)) ?? (await this.renditionSize(object.blobKey));
    if (!blob) {
      throw new SmhError('FileNotFound');
    }
    return blob.size;
  }

  /** Renditions (thumbnails, previews) are blobs without a row in `blobs`; only signed links reach them. */
  private async renditionSize(key: string): Promise<{ size: number } | null> {
    return (await this.deps.meta.renditions.isRendition(key)) ? this.deps.blob.stat(key) : null;
  }

  async open(object: SignedObject, range: RangeResult): Promise<Readable> {
    return this.deps.blob.get(object.blobKey, range.kind === 'range' ? { range: range.range } : undefined);
  }
}
