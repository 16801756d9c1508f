/**
 * Every environment variable OpenSMH reads: name, default and a one-line doc.
 * `docs/config.md` is checked against this list by a test.
 */
export interface EnvVarSpec {
  readonly name: string;
  readonly default: string;
  readonly doc: string;
}

export const ENV_VARS = [
  { name: 'OPENSMH_PORT', default: '8080', doc: 'TCP port the server listens on (0 = any free port).' },
  { name: 'OPENSMH_HOST', default: '0.0.0.0', doc: 'Interface the server binds to.' },
  { name: 'OPENSMH_DATA_DIR', default: './data', doc: 'Folder for the SQLite database, blobs and the admin key.' },
  {
    name: 'OPENSMH_PUBLIC_URL',
    default: '',
    doc: 'Base URL clients reach this server at (e.g. https://media.example.com); empty = taken from the Host header.',
  },
  { name: 'OPENSMH_ADMIN_KEY', default: '', doc: 'Admin key for the control plane; empty = generated on first start.' },
  {
    name: 'OPENSMH_UPLOAD_TTL_SECONDS',
    default: '3600',
    doc: 'How long an upload target (confirm key and signed storage headers) stays valid.',
  },
  { name: 'OPENSMH_DOWNLOAD_TTL_SECONDS', default: '7200', doc: 'Lifetime of signed download URLs (60–7200).' },
  { name: 'OPENSMH_LOG_LEVEL', default: 'info', doc: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
  {
    name: 'OPENSMH_MIN_PART_SIZE',
    default: '1048576',
    doc: 'Smallest allowed multipart part except the last one, in bytes (COS uses 1 MiB).',
  },
  {
    name: 'OPENSMH_DATABASE_URL',
    default: '',
    doc: 'PostgreSQL connection string (postgres://user@host:5432/db) for scale-out; empty = embedded SQLite in the data folder.',
  },
  {
    name: 'OPENSMH_DATABASE_SCHEMA',
    default: '',
    doc: 'PostgreSQL schema to keep OpenSMH tables in (created if missing); empty = the connection default.',
  },
  { name: 'OPENSMH_S3_ENDPOINT', default: '', doc: 'S3-compatible endpoint URL for blobs (e.g. http://127.0.0.1:9000); empty = local disk.' },
  { name: 'OPENSMH_S3_REGION', default: 'us-east-1', doc: 'S3 region name.' },
  { name: 'OPENSMH_S3_BUCKET', default: 'opensmh', doc: 'S3 bucket (created if missing).' },
  { name: 'OPENSMH_S3_ACCESS_KEY_ID', default: '', doc: 'S3 access key id.' },
  { name: 'OPENSMH_S3_SECRET_ACCESS_KEY', default: '', doc: 'S3 secret access key (never logged).' },
  { name: 'OPENSMH_S3_PREFIX', default: '', doc: 'Key prefix inside the bucket, so several deployments can share one.' },
  { name: 'OPENSMH_S3_FORCE_PATH_STYLE', default: 'true', doc: 'Path-style bucket addressing (needed by most non-AWS servers).' },
  {
    name: 'OPENSMH_S3_PUBLIC_ENDPOINT',
    default: '',
    doc: 'Endpoint clients reach the bucket at, for presigned download URLs; empty = OPENSMH_S3_ENDPOINT.',
  },
  {
    name: 'OPENSMH_S3_PROXY_DOWNLOADS',
    default: 'false',
    doc: 'true = download links point at the API node, which streams from S3 (for buckets clients cannot reach).',
  },
  {
    name: 'OPENSMH_S3_PROXY_UPLOADS',
    default: 'false',
    doc: 'true = simple uploads go through the API node; false = their targets point straight at the bucket (multipart parts always go through the API node).',
  },
  {
    name: 'OPENSMH_JOB_LEASE_SECONDS',
    default: '60',
    doc: 'How long a background job stays claimed without a heartbeat; after a node dies its jobs resume elsewhere this much later.',
  },
  {
    name: 'OPENSMH_REDIS_URL',
    default: '',
    doc: 'Redis URL (redis://host:6379) for coordination between API nodes; empty = in-process (single node).',
  },
  {
    name: 'OPENSMH_TOKEN_CACHE_SECONDS',
    default: '5',
    doc: 'How long a node caches an access-token lookup; revocations reach every node at once through the coordinator.',
  },
  {
    name: 'OPENSMH_TOKEN_RATE_LIMIT',
    default: '600',
    doc: 'Access tokens one library may create per minute (SMH answers 429 RateLimitExceeded beyond).',
  },
  {
    name: 'OPENSMH_BATCH_SYNC_ITEMS',
    default: '50',
    doc: 'Batch delete/copy/move requests with more items run as a task (202 {taskId}) instead of answering 200/207 at once.',
  },
  {
    name: 'OPENSMH_COPY_SYNC_ENTRIES',
    default: '1000',
    doc: 'A directory copy (D7, D8) or batch whose copied/deleted trees hold more entries than this runs as a task (202 {taskId}).',
  },
  {
    name: 'OPENSMH_ARCHIVE_MAX_ENTRIES',
    default: '10000',
    doc: 'Zip preview and uncompress refuse archives with more entries than this (ArchiveLimitExceeded).',
  },
  {
    name: 'OPENSMH_ARCHIVE_MAX_BYTES',
    default: '4294967296',
    doc: 'Uncompress refuses archives whose entries add up to more bytes than this, as declared or as actually inflated.',
  },
  {
    name: 'OPENSMH_ARCHIVE_MAX_RATIO',
    default: '200',
    doc: 'Largest uncompressed-to-compressed ratio accepted for an archive entry (or a whole .tar.gz) above 1 MiB: zip-bomb guard.',
  },
] as const satisfies readonly EnvVarSpec[];

export type EnvVarName = (typeof ENV_VARS)[number]['name'];
