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
    name: 'OPENSMH_MAX_UPLOAD_SIZE',
    default: '5368709120',
    doc: 'Most bytes one storage PUT (a simple/form upload or one multipart part) may carry; more is refused with 413 and nothing kept (COS: 5 GB).',
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
    name: 'OPENSMH_DOWNLOAD_OFFLOAD',
    default: '',
    doc: 'Hand download bytes to a front web server: x-accel-redirect:/prefix/ (nginx internal location aliasing <data>/blobs/blobs/) or x-sendfile (Apache, lighttpd); empty = Node streams them. Local disk blobs only.',
  },
  {
    name: 'OPENSMH_DOWNLOAD_URL',
    default: '',
    doc: 'Base URL of a separate download host (e.g. https://dl.example.com, served by this same server) for signed download links, so stored files never share the API origin; empty = the API URL.',
  },
  {
    name: 'OPENSMH_HEADER_TIMEOUT_SECONDS',
    default: '20',
    doc: 'A request line and headers must arrive within this many seconds (else 408 RequestTimeout).',
  },
  {
    name: 'OPENSMH_IDLE_TIMEOUT_SECONDS',
    default: '60',
    doc: 'A connection on which no byte moves for this long is closed (408 while a body is awaited); uploads of any size work as long as they keep sending.',
  },
  {
    name: 'OPENSMH_REQUEST_TIMEOUT_SECONDS',
    default: '120',
    doc: 'An API request (not a storage upload, which only the idle timeout bounds) must be received whole within this many seconds; 0 = no limit.',
  },
  {
    name: 'OPENSMH_MAX_CONNECTIONS_PER_CLIENT',
    default: '256',
    doc: 'Open connections one client address may hold (more get 429 TooManyConnections); 0 = unlimited. Behind a reverse proxy every client shares its address: raise it or use 0.',
  },
  {
    name: 'OPENSMH_FAULT_POINTS_FILE',
    default: '',
    doc: 'Tests only (fault-injection suite): a file naming fault points to trigger (name=kill|throw|enospc|reject per line); empty = every fault point is a no-op.',
  },
  {
    name: 'OPENSMH_FEED_RETENTION_DAYS',
    default: '180',
    doc: 'Change-feed (fs-delta) events are kept this many days (1–3650); a cursor older than that answers 400 CursorExpired.',
  },
  {
    name: 'OPENSMH_DISK_RESERVE_MB',
    default: '100',
    doc: 'Free space (MiB) kept on the data disk: upload bytes that would go below it get 507 StorageFull, so deletes and purges keep working; 0 = no reserve.',
  },
  {
    name: 'OPENSMH_ORPHAN_SWEEP_SECONDS',
    default: '3600',
    doc: 'How often the orphan-blob sweep runs; bytes nothing references are deleted on the pass at least half an interval after one first saw them (kept in the database across restarts).',
  },
  { name: 'OPENSMH_MEDIA_CONCURRENCY', default: '2', doc: 'Thumbnails, covers and document previews this node renders at once; more requests wait in line.' },
  { name: 'OPENSMH_MEDIA_TIMEOUT_SECONDS', default: '30', doc: 'A media tool (ffmpeg, pdftoppm, LibreOffice) or image decode running longer is killed; the file then previews as a download.' },
  { name: 'OPENSMH_MEDIA_MAX_PIXELS', default: '100000000', doc: 'Images with more pixels than this are not decoded (decompression-bomb cap); they preview as a download.' },
  { name: 'OPENSMH_MEDIA_PRERENDER_SIZE', default: '256', doc: 'Album libraries render this square thumbnail size (and read media info) right after each upload; 0 = only on request.' },
  { name: 'OPENSMH_FFMPEG', default: 'ffmpeg', doc: 'ffmpeg for video covers and BMP: a name searched on PATH, an absolute path, or off.' },
  { name: 'OPENSMH_FFPROBE', default: 'ffprobe', doc: 'ffprobe for video media info: a name searched on PATH, an absolute path, or off.' },
  { name: 'OPENSMH_PDFTOPPM', default: 'pdftoppm', doc: 'poppler pdftoppm for PDF first pages: a name searched on PATH, an absolute path, or off.' },
  { name: 'OPENSMH_PDFTOHTML', default: 'pdftohtml', doc: 'poppler pdftohtml for PDF HTML previews: a name searched on PATH, an absolute path, or off.' },
  { name: 'OPENSMH_SOFFICE', default: 'soffice', doc: 'LibreOffice for Office document previews: a name searched on PATH, an absolute path, or off.' },
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
