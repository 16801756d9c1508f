import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PassThrough, Readable } from 'node:stream';
import { BlobNotFoundError, type BlobStore, type ByteRange, type DirectPut, type PresignOptions } from './blob-store.js';
import { assertSafeKey, fannedOut } from './key.js';
import { signPut } from './s3-sigv4.js';

export interface S3BlobStoreOptions {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** key prefix inside the bucket, '' or ending in '/' */
  prefix: string;
  /** endpoint clients can reach, used only for presigned URLs (defaults to `endpoint`) */
  publicEndpoint?: string;
  /** lifetime of direct upload targets (OPENSMH_UPLOAD_TTL_SECONDS), capped at S3's 15 minutes */
  directPutTtlSeconds?: number;
}

const DIRECT_PUT_TTL_MS = 15 * 60 * 1000;

/** S3 refuses multipart parts below 5 MiB (except the last); smaller SMH parts are joined by streaming. */
const S3_MIN_PART = 5 * 1024 * 1024;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

function client(options: S3BlobStoreOptions, endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Non-AWS servers (RGW, MinIO, COS) reject the SDK's default flexible checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Blobs in an S3-compatible bucket under `<prefix>blobs/ab/cd/<key>`; multipart parts are staged
 * as `<prefix>parts/<uploadId>/<n>` objects and joined at completion server-side (UploadPartCopy)
 * when every part is large enough for S3, else by streaming them into one object.
 */
export class S3BlobStore implements BlobStore {
  readonly capabilities = { presign: true, nativeMultipart: true } as const;
  private readonly s3: S3Client;
  private readonly presigner: S3Client;

  private constructor(private readonly options: S3BlobStoreOptions) {
    this.s3 = client(options, options.endpoint);
    this.presigner = client(options, options.publicEndpoint ?? options.endpoint);
  }

  static async open(options: S3BlobStoreOptions): Promise<S3BlobStore> {
    const store = new S3BlobStore(options);
    try {
      await store.s3.send(new HeadBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
      await store.s3.send(new CreateBucketCommand({ Bucket: options.bucket }));
    }
    return store;
  }

  private blobKey(key: string): string {
    return `${this.options.prefix}blobs/${fannedOut(key)}`;
  }

  private partKey(uploadId: string, partNumber: number): string {
    assertSafeKey(uploadId);
    return `${this.options.prefix}parts/${uploadId}/${partNumber}`;
  }

  private async upload(objectKey: string, body: Readable, signal?: AbortSignal): Promise<number> {
    let size = 0;
    const counted = new PassThrough();
    counted.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    body.on('error', (error) => counted.destroy(error));
    body.pipe(counted);
    const upload = new Upload({
      client: this.s3,
      params: { Bucket: this.options.bucket, Key: objectKey, Body: counted },
      queueSize: 2,
      partSize: S3_MIN_PART,
      leavePartsOnError: false,
    });
    const abort = () => void upload.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await upload.done();
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    return size;
  }

  async put(key: string, body: Readable, options?: { signal?: AbortSignal }): Promise<{ size: number }> {
    return { size: await this.upload(this.blobKey(key), body, options?.signal) };
  }

  async get(key: string, options?: { range?: ByteRange; signal?: AbortSignal }): Promise<Readable> {
    const range = options?.range ? `bytes=${options.range.start}-${options.range.end}` : undefined;
    try {
      const result = await this.s3.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.blobKey(key), Range: range }),
        { abortSignal: options?.signal },
      );
      return result.Body as Readable;
    } catch (error) {
      throw isNotFound(error) ? new BlobNotFoundError(key) : error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.blobKey(key) }));
      return { size: Number(head.ContentLength ?? 0) };
    } catch (error) {
      if (isNotFound(error)) {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.blobKey(key) }));
  }

  async putPart(uploadId: string, partNumber: number, body: Readable, options?: { signal?: AbortSignal }): Promise<{ size: number }> {
    return { size: await this.upload(this.partKey(uploadId, partNumber), body, options?.signal) };
  }

  async completeMultipart(
    uploadId: string,
    partNumbers: readonly number[],
    key: string,
    options?: { onData?: (chunk: Buffer) => void },
  ): Promise<void> {
    const sizes = await Promise.all(
      partNumbers.map(async (n) => {
        const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.partKey(uploadId, n) }));
        return Number(head.ContentLength ?? 0);
      }),
    );
    const canCopy = sizes.slice(0, -1).every((size) => size >= S3_MIN_PART) && partNumbers.length > 1;
    if (canCopy) {
      await this.copyParts(uploadId, partNumbers, key);
    } else {
      await this.upload(this.blobKey(key), Readable.from(this.concatenated(uploadId, partNumbers, options?.onData)));
    }
    await this.abortMultipart(uploadId);
  }

  /** Server-side join: no byte passes through this node. */
  private async copyParts(uploadId: string, partNumbers: readonly number[], key: string): Promise<void> {
    const target = this.blobKey(key);
    const created = await this.s3.send(new CreateMultipartUploadCommand({ Bucket: this.options.bucket, Key: target }));
    const s3UploadId = created.UploadId as string;
    try {
      const parts = [];
      for (const [index, n] of partNumbers.entries()) {
        const copied = await this.s3.send(
          new UploadPartCopyCommand({
            Bucket: this.options.bucket,
            Key: target,
            UploadId: s3UploadId,
            PartNumber: index + 1,
            CopySource: `${this.options.bucket}/${this.partKey(uploadId, n)}`,
          }),
        );
        parts.push({ PartNumber: index + 1, ETag: copied.CopyPartResult?.ETag });
      }
      await this.s3.send(
        new CompleteMultipartUploadCommand({ Bucket: this.options.bucket, Key: target, UploadId: s3UploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (error) {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.options.bucket, Key: target, UploadId: s3UploadId })).catch(() => undefined);
      throw error;
    }
  }

  private async *concatenated(uploadId: string, partNumbers: readonly number[], onData?: (chunk: Buffer) => void): AsyncGenerator<Buffer> {
    for (const n of partNumbers) {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.partKey(uploadId, n) }));
      for await (const chunk of result.Body as Readable) {
        onData?.(chunk as Buffer);
        yield chunk as Buffer;
      }
    }
  }

  async abortMultipart(uploadId: string): Promise<void> {
    assertSafeKey(uploadId);
    const prefix = `${this.options.prefix}parts/${uploadId}/`;
    for await (const keys of this.list(prefix)) {
      if (keys.length > 0) {
        await this.s3.send(
          new DeleteObjectsCommand({ Bucket: this.options.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
        );
      }
    }
  }

  private async *list(prefix: string): AsyncGenerator<string[]> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      yield (page.Contents ?? []).map((item) => item.Key as string);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *listKeys(): AsyncIterable<string> {
    for await (const keys of this.list(`${this.options.prefix}blobs/`)) {
      for (const key of keys) {
        yield key.slice(key.lastIndexOf('/') + 1);
      }
    }
  }

  async presignGet(key: string, options: PresignOptions): Promise<string> {
    return getSignedUrl(
      this.presigner,
      new GetObjectCommand({
        Bucket: this.options.bucket,
        Key: this.blobKey(key),
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.contentDisposition,
      }),
      { expiresIn: options.expiresInSeconds },
    );
  }

  /**
   * S3 accepts a header-signed request for 15 minutes around its `x-amz-date`, so a direct
   * target expires after 15 minutes; clients that miss it initiate the upload again.
   */
  async presignPut(key: string, options: { contentType: string; contentLength?: number }): Promise<DirectPut> {
    const now = new Date();
    const endpoint = this.options.publicEndpoint ?? this.options.endpoint;
    const base = this.options.forcePathStyle ? `/${this.options.bucket}/` : '/';
    const host = this.options.forcePathStyle ? endpoint : endpoint.replace('://', `://${this.options.bucket}.`);
    const signed = signPut({ ...this.options, endpoint: host, path: `${base}${this.blobKey(key)}`, contentType: options.contentType, contentLength: options.contentLength, now });
    // S3 refuses a header-signed request more than 15 minutes from its x-amz-date
    // (RequestTimeTooSkewed), so a longer OPENSMH_UPLOAD_TTL_SECONDS cannot extend a direct target.
    const ttlMs = Math.min(DIRECT_PUT_TTL_MS, (this.options.directPutTtlSeconds ?? Infinity) * 1000);
    return { ...signed, expiresAt: now.getTime() + ttlMs };
  }

  async close(): Promise<void> {
    this.s3.destroy();
    this.presigner.destroy();
  }
}

