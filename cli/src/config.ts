import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError, usageError } from './cli-error.js';

/** Name of the file the server writes its admin key to (server/src/main.ts ADMIN_KEY_FILE). */
export const ADMIN_KEY_FILE = 'admin-key';
const DEFAULT_PORT = '8080';
const DEFAULT_DATA_DIR = './data';

export interface CliConfig {
  /** server base URL without a trailing slash */
  readonly url: string;
  readonly dataDir: string;
  /** from --admin-key or OPENSMH_ADMIN_KEY; null means "read adminKeyFile" */
  readonly adminKey: string | null;
  readonly adminKeyFile: string;
}

export interface ConfigFlags {
  readonly url?: string;
  readonly adminKey?: string;
  readonly dataDir?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** An empty variable counts as unset, as in the server's loadConfig. */
function pick(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

/**
 * Flags beat environment beats defaults, and the defaults match the server's own, so that
 * `npm start` in one terminal and `npx opensmh …` in another from the same folder just work.
 */
export function resolveConfig(flags: ConfigFlags, env: Env, cwd: string): CliConfig {
  const url = (pick(flags.url) ?? `http://127.0.0.1:${pick(env.OPENSMH_PORT) ?? DEFAULT_PORT}`).replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw usageError(`--url is not a URL: "${url}"`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw usageError(`--url must be http or https, got "${url}"`);
  }
  const dataDir = resolve(cwd, pick(flags.dataDir, env.OPENSMH_DATA_DIR) ?? DEFAULT_DATA_DIR);
  return {
    url,
    dataDir,
    adminKey: pick(flags.adminKey, env.OPENSMH_ADMIN_KEY) ?? null,
    adminKeyFile: join(dataDir, ADMIN_KEY_FILE),
  };
}

/** The configured admin key, else the one the server saved on its first start. */
export async function loadAdminKey(
  config: CliConfig,
  readText: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<string> {
  if (config.adminKey !== null) {
    return config.adminKey;
  }
  let text: string;
  try {
    text = await readText(config.adminKeyFile);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(
      'NoAdminKey',
      `cannot read ${config.adminKeyFile} (${reason}); pass --admin-key, set OPENSMH_ADMIN_KEY, ` +
        'or use --data-dir to point at the folder the server was started with',
    );
  }
  const key = text.trim();
  if (key === '') {
    throw new CliError('NoAdminKey', `${config.adminKeyFile} is empty; pass --admin-key or set OPENSMH_ADMIN_KEY`);
  }
  return key;
}
