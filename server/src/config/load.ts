import { resolve } from 'node:path';
import { type DownloadOffload, parseDownloadOffload } from './download-offload.js';
import { ENV_VARS, type EnvVarName } from './schema.js';

export interface Config {
  readonly server: {
    readonly port: number;
    readonly host: string;
    readonly publicUrl: string | null;
    /** base URL for signed download links (a separate origin), null = the API's own */
    readonly downloadUrl: string | null;
  };
  readonly dataDir: string;
  readonly meta: { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly url: string; readonly schema: string | null };
  readonly adminKey: string | null;
  readonly blob:
    | { readonly kind: 'local' }
    | {
        readonly kind: 's3';
        readonly endpoint: string;
        readonly region: string;
        readonly bucket: string;
        readonly accessKeyId: string;
        readonly secretAccessKey: string;
        readonly prefix: string;
        readonly forcePathStyle: boolean;
        readonly publicEndpoint: string | null;
        readonly proxyDownloads: boolean;
        readonly proxyUploads: boolean;
      };
  readonly redisUrl: string | null;
  readonly limits: {
    readonly tokenCacheSeconds: number;
    readonly jobLeaseSeconds: number;
    readonly tokenRateLimit: number;
    readonly uploadTtlSeconds: number;
    readonly downloadTtlSeconds: number;
    readonly minPartSize: number;
    readonly maxUploadSize: number;
    /** batches with more items answer 202 and run as a job */
    readonly batchSyncItems: number;
    /** copies/deletes touching more tree entries answer 202 and run as a job */
    readonly copySyncEntries: number;
    /** change-feed events older than this many days are dropped; older cursors expire */
    readonly feedRetentionDays: number;
    /** how often the orphan-blob sweep runs; an orphan is deleted about one interval after it appears */
    readonly orphanSweepSeconds: number;
    /** zip preview and uncompress: entries, inflated bytes and compression ratio at most */
    readonly archiveMaxEntries: number;
    readonly archiveMaxBytes: number;
    readonly archiveMaxRatio: number;
  };
  readonly logLevel: string;
  /** hand download bytes to a front web server (download-offload.ts) */
  readonly downloadOffload: DownloadOffload;
  /** free space kept for deletes on the data disk (0 = none) */
  readonly diskReserveBytes: number;
  /** test-only fault-injection file (lib/fault-points.ts); null in production */
  readonly faultPointsFile: string | null;
  /** slow-client protection (issue 10 item 2), in milliseconds */
  readonly connections: {
    readonly headerTimeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly maxConnectionsPerClient: number;
  };
  readonly media: {
    readonly concurrency: number;
    readonly timeoutMs: number;
    readonly maxPixels: number;
    /** album libraries pre-render this square size at upload; 0 = off */
    readonly prerenderSize: number;
    /** configured tool names or paths (`off` = disabled) and the PATH they are searched on */
    readonly tools: { readonly ffmpeg: string; readonly ffprobe: string; readonly pdftoppm: string; readonly pdftohtml: string; readonly soffice: string };
    readonly searchPath: string;
  };
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: EnvVarName): string {
  const spec = ENV_VARS.find((v) => v.name === name);
  const value = env[name];
  return value === undefined || value === '' ? (spec?.default ?? '') : value;
}

function readInt(env: Env, name: EnvVarName, min: number, max: number): number {
  const text = read(env, name);
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${text}"`);
  }
  return value;
}

function metaConfig(env: Env): Config['meta'] {
  const url = read(env, 'OPENSMH_DATABASE_URL');
  if (url === '') {
    return { kind: 'sqlite' };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('OPENSMH_DATABASE_URL must be a postgres:// connection string');
  }
  const schema = read(env, 'OPENSMH_DATABASE_SCHEMA');
  if (schema !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error('OPENSMH_DATABASE_SCHEMA must be a lowercase SQL identifier');
  }
  return { kind: 'postgres', url, schema: schema === '' ? null : schema };
}

function readBool(env: Env, name: EnvVarName): boolean {
  const text = read(env, name).toLowerCase();
  if (!['true', 'false', '1', '0'].includes(text)) {
    throw new Error(`${name} must be true or false, got "${text}"`);
  }
  return text === 'true' || text === '1';
}

function blobConfig(env: Env): Config['blob'] {
  const endpoint = read(env, 'OPENSMH_S3_ENDPOINT');
  if (endpoint === '') {
    return { kind: 'local' };
  }
  const prefix = read(env, 'OPENSMH_S3_PREFIX');
  const publicEndpoint = read(env, 'OPENSMH_S3_PUBLIC_ENDPOINT');
  return {
    kind: 's3',
    endpoint,
    region: read(env, 'OPENSMH_S3_REGION'),
    bucket: read(env, 'OPENSMH_S3_BUCKET'),
    accessKeyId: read(env, 'OPENSMH_S3_ACCESS_KEY_ID'),
    secretAccessKey: read(env, 'OPENSMH_S3_SECRET_ACCESS_KEY'),
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    forcePathStyle: readBool(env, 'OPENSMH_S3_FORCE_PATH_STYLE'),
    publicEndpoint: publicEndpoint === '' ? null : publicEndpoint,
    proxyDownloads: readBool(env, 'OPENSMH_S3_PROXY_DOWNLOADS'),
    proxyUploads: readBool(env, 'OPENSMH_S3_PROXY_UPLOADS'),
  };
}

/** Builds the whole configuration from an environment map; pure, so tests pass their own. */
export function loadConfig(env: Env): Config {
  const publicUrl = read(env, 'OPENSMH_PUBLIC_URL').replace(/\/+$/, '');
  const adminKey = read(env, 'OPENSMH_ADMIN_KEY');
  return {
    server: {
      port: readInt(env, 'OPENSMH_PORT', 0, 65535),
      host: read(env, 'OPENSMH_HOST'),
      publicUrl: publicUrl === '' ? null : publicUrl,
      downloadUrl: read(env, 'OPENSMH_DOWNLOAD_URL').replace(/\/+$/, '') || null,
    },
    dataDir: resolve(read(env, 'OPENSMH_DATA_DIR')),
    meta: metaConfig(env),
    blob: blobConfig(env),
    adminKey: adminKey === '' ? null : adminKey,
    redisUrl: read(env, 'OPENSMH_REDIS_URL') || null,
    limits: {
      tokenCacheSeconds: readInt(env, 'OPENSMH_TOKEN_CACHE_SECONDS', 0, 3600),
      jobLeaseSeconds: readInt(env, 'OPENSMH_JOB_LEASE_SECONDS', 1, 24 * 3600),
      tokenRateLimit: readInt(env, 'OPENSMH_TOKEN_RATE_LIMIT', 1, 1_000_000),
      uploadTtlSeconds: readInt(env, 'OPENSMH_UPLOAD_TTL_SECONDS', 60, 7 * 24 * 3600),
      downloadTtlSeconds: readInt(env, 'OPENSMH_DOWNLOAD_TTL_SECONDS', 60, 7200),
      minPartSize: readInt(env, 'OPENSMH_MIN_PART_SIZE', 1, 5 * 1024 * 1024 * 1024),
      maxUploadSize: readInt(env, 'OPENSMH_MAX_UPLOAD_SIZE', 1, 5 * 1024 ** 4),
      batchSyncItems: readInt(env, 'OPENSMH_BATCH_SYNC_ITEMS', 0, 1000),
      copySyncEntries: readInt(env, 'OPENSMH_COPY_SYNC_ENTRIES', 0, 100_000_000),
      feedRetentionDays: readInt(env, 'OPENSMH_FEED_RETENTION_DAYS', 1, 3650),
      orphanSweepSeconds: readInt(env, 'OPENSMH_ORPHAN_SWEEP_SECONDS', 10, 7 * 24 * 3600),
      archiveMaxEntries: readInt(env, 'OPENSMH_ARCHIVE_MAX_ENTRIES', 1, 1_000_000),
      archiveMaxBytes: readInt(env, 'OPENSMH_ARCHIVE_MAX_BYTES', 1, Number.MAX_SAFE_INTEGER),
      archiveMaxRatio: readInt(env, 'OPENSMH_ARCHIVE_MAX_RATIO', 1, 1_000_000),
    },
    logLevel: read(env, 'OPENSMH_LOG_LEVEL'),
    downloadOffload: parseDownloadOffload(read(env, 'OPENSMH_DOWNLOAD_OFFLOAD')),
    diskReserveBytes: readInt(env, 'OPENSMH_DISK_RESERVE_MB', 0, 1024 * 1024) * 1024 * 1024,
    faultPointsFile: read(env, 'OPENSMH_FAULT_POINTS_FILE') || null,
    connections: {
      headerTimeoutMs: readInt(env, 'OPENSMH_HEADER_TIMEOUT_SECONDS', 1, 3600) * 1000,
      idleTimeoutMs: readInt(env, 'OPENSMH_IDLE_TIMEOUT_SECONDS', 1, 24 * 3600) * 1000,
      requestTimeoutMs: readInt(env, 'OPENSMH_REQUEST_TIMEOUT_SECONDS', 0, 24 * 3600) * 1000,
      maxConnectionsPerClient: readInt(env, 'OPENSMH_MAX_CONNECTIONS_PER_CLIENT', 0, 1_000_000),
    },
    media: {
      concurrency: readInt(env, 'OPENSMH_MEDIA_CONCURRENCY', 1, 256),
      timeoutMs: readInt(env, 'OPENSMH_MEDIA_TIMEOUT_SECONDS', 1, 3600) * 1000,
      maxPixels: readInt(env, 'OPENSMH_MEDIA_MAX_PIXELS', 1, 2 ** 31),
      prerenderSize: readInt(env, 'OPENSMH_MEDIA_PRERENDER_SIZE', 0, 4096),
      tools: {
        ffmpeg: read(env, 'OPENSMH_FFMPEG'),
        ffprobe: read(env, 'OPENSMH_FFPROBE'),
        pdftoppm: read(env, 'OPENSMH_PDFTOPPM'),
        pdftohtml: read(env, 'OPENSMH_PDFTOHTML'),
        soffice: read(env, 'OPENSMH_SOFFICE'),
      },
      // Tests and service managers may start the server without PATH; the usual places then.
      searchPath: env.PATH || '/usr/local/bin:/usr/bin:/bin',
    },
  };
}
