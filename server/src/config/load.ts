import { resolve } from 'node:path';
import { ENV_VARS, type EnvVarName } from './schema.js';

export interface Config {
  readonly server: { readonly port: number; readonly host: string; readonly publicUrl: string | null };
  readonly dataDir: string;
  readonly adminKey: string | null;
  readonly limits: {
    readonly uploadTtlSeconds: number;
    readonly downloadTtlSeconds: number;
    readonly minPartSize: number;
  };
  readonly logLevel: string;
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

/** Builds the whole configuration from an environment map; pure, so tests pass their own. */
export function loadConfig(env: Env): Config {
  const publicUrl = read(env, 'OPENSMH_PUBLIC_URL').replace(/\/+$/, '');
  const adminKey = read(env, 'OPENSMH_ADMIN_KEY');
  return {
    server: {
      port: readInt(env, 'OPENSMH_PORT', 0, 65535),
      host: read(env, 'OPENSMH_HOST'),
      publicUrl: publicUrl === '' ? null : publicUrl,
    },
    dataDir: resolve(read(env, 'OPENSMH_DATA_DIR')),
    adminKey: adminKey === '' ? null : adminKey,
    limits: {
      uploadTtlSeconds: readInt(env, 'OPENSMH_UPLOAD_TTL_SECONDS', 60, 7 * 24 * 3600),
      downloadTtlSeconds: readInt(env, 'OPENSMH_DOWNLOAD_TTL_SECONDS', 60, 7200),
      minPartSize: readInt(env, 'OPENSMH_MIN_PART_SIZE', 1, 5 * 1024 * 1024 * 1024),
    },
    logLevel: read(env, 'OPENSMH_LOG_LEVEL'),
  };
}
