import type { Config } from '../config/load.js';

/**
 * Start-up failures of a store, as one line naming the store, its address and the fix, with no
 * SDK stack trace (issue 10 item 9). main.ts prints `message` and exits 1.
 */
export class StoreStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreStartError';
  }
}

/** A URL fit for a log line: no password, no query. */
export function safeAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable URL)';
  }
}

function codeOf(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; errors?: { code?: unknown }[] } | null;
  // AggregateError (connect to several addresses) carries the codes inside
  return String(e?.code ?? e?.errors?.[0]?.code ?? e?.name ?? '');
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET']);

export function postgresStartError(url: string, error: unknown): StoreStartError {
  const where = `PostgreSQL at ${safeAddress(url)}`;
  const code = codeOf(error);
  const database = (() => {
    try {
      return new URL(url).pathname.slice(1) || '(default)';
    } catch {
      return '(default)';
    }
  })();
  if (code === '3D000') {
    return new StoreStartError(`${where}: database "${database}" does not exist. Fix: create it first (createdb ${database}, or CREATE DATABASE ${database};) — OpenSMH creates its tables, not the database.`, { cause: error });
  }
  if (code === '28P01' || code === '28000') {
    return new StoreStartError(`${where}: authentication failed. Fix: check the user and password in OPENSMH_DATABASE_URL and pg_hba.conf.`, { cause: error });
  }
  if (UNREACHABLE.has(code)) {
    return new StoreStartError(`${where}: cannot connect (${code}). Fix: start PostgreSQL or correct host and port in OPENSMH_DATABASE_URL.`, { cause: error });
  }
  return new StoreStartError(`${where}: ${error instanceof Error ? error.message : String(error)} (${code || 'no code'}). Fix: check OPENSMH_DATABASE_URL and the server log.`, { cause: error });
}

export function s3StartError(blob: Extract<Config['blob'], { kind: 's3' }>, error: unknown): StoreStartError {
  const where = `S3 bucket "${blob.bucket}" at ${safeAddress(blob.endpoint)}`;
  const code = codeOf(error);
  const status = statusOf(error);
  if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch' || status === 403) {
    return new StoreStartError(`${where}: access denied (${status ?? code}). Fix: check OPENSMH_S3_ACCESS_KEY_ID and OPENSMH_S3_SECRET_ACCESS_KEY, and that this key may use the bucket.`, { cause: error });
  }
  if (code === 'NoSuchBucket' || status === 404) {
    return new StoreStartError(`${where}: the bucket does not exist and could not be created. Fix: create it (e.g. s3cmd mb s3://${blob.bucket}) or give the key permission to create buckets.`, { cause: error });
  }
  if (UNREACHABLE.has(code)) {
    return new StoreStartError(`${where}: cannot connect (${code}). Fix: start the S3 server or correct OPENSMH_S3_ENDPOINT.`, { cause: error });
  }
  return new StoreStartError(`${where}: ${code || 'error'} ${status ? `(HTTP ${status})` : ''}. Fix: check OPENSMH_S3_ENDPOINT, OPENSMH_S3_REGION and the credentials.`, { cause: error });
}

export function redisStartError(url: string, error: unknown): StoreStartError {
  const where = `Redis at ${safeAddress(url)}`;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (/NOAUTH|WRONGPASS|invalid password/i.test(message)) {
    return new StoreStartError(`${where}: authentication failed. Fix: put the password in OPENSMH_REDIS_URL (redis://:password@host:6379).`, { cause: error });
  }
  if (UNREACHABLE.has(code) || /ECONNREFUSED|Connection is closed/i.test(message)) {
    return new StoreStartError(`${where}: cannot connect. Fix: start Redis or correct OPENSMH_REDIS_URL (or leave it empty for a single node).`, { cause: error });
  }
  return new StoreStartError(`${where}: ${message}. Fix: check OPENSMH_REDIS_URL.`, { cause: error });
}

/** The start line: which stores this node uses, without secrets. */
export function describeStores(config: Config): string {
  const meta = config.meta.kind === 'postgres' ? `PostgreSQL ${safeAddress(config.meta.url)}${config.meta.schema ? ` schema ${config.meta.schema}` : ''}` : `SQLite ${config.dataDir}/meta.sqlite`;
  const blob = config.blob.kind === 's3' ? `S3 ${safeAddress(config.blob.endpoint)} bucket ${config.blob.bucket}${config.blob.prefix ? ` prefix ${config.blob.prefix}` : ''}` : `local disk ${config.dataDir}/blobs`;
  const coord = config.redisUrl ? `Redis ${safeAddress(config.redisUrl)}` : 'in-process (single node)';
  return `metadata: ${meta}; blobs: ${blob}; coordination: ${coord}`;
}
