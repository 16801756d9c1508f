import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { OpenSmhClient } from '@opensmh/client';
import { CliError } from '../cli-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What file commands need to reach a library. */
export interface Credentials {
  url: string;
  libraryId: string;
  librarySecret?: string;
  accessToken?: string;
  spaceId: string;
  /** comma list of grants for minted tokens (default admin) */
  grant?: string;
}

export interface CredentialFlags {
  url?: string;
  library?: string;
  secret?: string;
  token?: string;
  space?: string;
}

/** `$OPENSMH_CONFIG`, else `$XDG_CONFIG_HOME/opensmh/config.json`, else `~/.config/opensmh/config.json`. */
export function configPath(env: Env): string {
  if (env.OPENSMH_CONFIG) {
    return env.OPENSMH_CONFIG;
  }
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'opensmh', 'config.json');
}

export async function readConfigFile(env: Env): Promise<Partial<Credentials>> {
  try {
    return JSON.parse(await readFile(configPath(env), 'utf8')) as Partial<Credentials>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {};
    }
    throw new CliError('BadConfig', `cannot read ${configPath(env)}: ${(error as Error).message}`);
  }
}

/** Writes the config file with mode 0600 (it holds a secret), via a temp file and rename. */
export async function writeConfigFile(env: Env, credentials: Credentials): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(`${path}.tmp`, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(`${path}.tmp`, 0o600);
  await rename(`${path}.tmp`, path);
  return path;
}

function pick(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

/** Flags beat environment beats the config file. */
export async function resolveCredentials(flags: CredentialFlags, env: Env, defaultUrl: string): Promise<Credentials> {
  const file = await readConfigFile(env);
  const libraryId = pick(flags.library, env.OPENSMH_LIBRARY_ID, file.libraryId);
  const accessToken = pick(flags.token, env.OPENSMH_ACCESS_TOKEN, flags.library || env.OPENSMH_LIBRARY_ID ? undefined : file.accessToken);
  const librarySecret = pick(flags.secret, env.OPENSMH_LIBRARY_SECRET, flags.library || env.OPENSMH_LIBRARY_ID ? undefined : file.librarySecret);
  if (!libraryId || (!accessToken && !librarySecret)) {
    throw new CliError(
      'NoCredentials',
      'no library credentials: run `opensmh login`, or pass --library with --secret or --token ' +
        '(or set OPENSMH_LIBRARY_ID with OPENSMH_LIBRARY_SECRET or OPENSMH_ACCESS_TOKEN)',
    );
  }
  return {
    url: (pick(flags.url, env.OPENSMH_URL, file.url) ?? defaultUrl).replace(/\/+$/, ''),
    libraryId,
    librarySecret,
    accessToken,
    spaceId: pick(flags.space, env.OPENSMH_SPACE_ID, file.spaceId) ?? '-',
    grant: file.grant,
  };
}

export function clientOf(credentials: Credentials): OpenSmhClient {
  return new OpenSmhClient({
    baseUrl: credentials.url,
    libraryId: credentials.libraryId,
    spaceId: credentials.spaceId,
    accessToken: credentials.accessToken,
    librarySecret: credentials.accessToken ? undefined : credentials.librarySecret,
    tokenOptions: credentials.grant ? { grant: credentials.grant } : undefined,
  });
}
