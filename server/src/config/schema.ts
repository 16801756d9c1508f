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
] as const satisfies readonly EnvVarSpec[];

export type EnvVarName = (typeof ENV_VARS)[number]['name'];
