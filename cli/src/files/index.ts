import { join } from 'node:path';
import { Crc64MismatchError, OpenSmhError, SmhApiError } from '@opensmh/client';
import { GLOBAL_OPTIONS, parseCommandLine } from '../args.js';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli.js';
import type { OptionSpec } from '../command-spec.js';
import { cp, du, find, login, ls, mkdir, mv, rm, stat } from './basic-commands.js';
import { clientOf, configPath, resolveCredentials } from './credentials.js';
import { EXIT, type FileCommand, type FileContext } from './file-command.js';
import { ProgressBar } from './progress-bar.js';
import { get, put, sync } from './transfer-commands.js';

export const FILE_COMMANDS: readonly FileCommand[] = [ls, put, get, rm, mv, cp, mkdir, stat, find, du, sync, login];

/** Where to reach a library; every file command accepts these. */
const CREDENTIAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'library', type: 'string', value: '<id>', doc: 'Library id (default: $OPENSMH_LIBRARY_ID, else the login config).' },
  { name: 'secret', type: 'string', value: '<secret>', doc: 'Library secret, to mint tokens (default: $OPENSMH_LIBRARY_SECRET).' },
  { name: 'token', type: 'string', value: '<token>', doc: 'Access token instead of a secret (default: $OPENSMH_ACCESS_TOKEN).' },
  { name: 'space', type: 'string', value: '<spaceId>', doc: 'Space id (default: $OPENSMH_SPACE_ID, else "-").' },
];

export const FILE_HELP = [
  'File commands (rclone/aws-s3 style; remote paths are library paths like photos/2024/a.jpg):',
  ...FILE_COMMANDS.map((command) => `  ${`${command.name} ${command.usage}`.padEnd(34)}  ${command.summary}`),
  '',
  'Credentials: --library with --secret or --token, else OPENSMH_LIBRARY_ID with OPENSMH_LIBRARY_SECRET or',
  'OPENSMH_ACCESS_TOKEN, else the file `opensmh login` writes ($OPENSMH_CONFIG, default',
  '~/.config/opensmh/config.json, mode 0600). Server: --url, $OPENSMH_URL, the config, or http://127.0.0.1:$OPENSMH_PORT.',
  'Progress: a bar with throughput and ETA on a terminal (stderr), one line per file otherwise; --json for scripts.',
  '',
  'Exit status: 0 success; 1 error (server error code printed); 2 usage error; 3 not found;',
  '             4 CRC-64 verification failed; 5 some files of a put/get/sync failed (others succeeded).',
];

export function fileCommandHelp(command: FileCommand): string {
  const options = [...command.options, ...CREDENTIAL_OPTIONS, ...GLOBAL_OPTIONS.filter((o) => o.name === 'url')];
  const labels = options.map((o) => `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length));
  return `${[`Usage: opensmh ${command.name} ${command.usage} [options]`, `  ${command.summary}`, '', 'Options:', ...options.map((o, i) => `  ${(labels[i] ?? '').padEnd(width)}  ${o.doc}`), '', ...FILE_HELP.slice(-2)].join('\n')}\n`;
}

function stateDir(io: CliIo): string {
  return join(configPath(io.env), '..', 'state');
}

/** Maps client errors to the CLI's codes and exit statuses. */
function cliErrorOf(error: unknown): unknown {
  if (error instanceof Crc64MismatchError) {
    return new CliError('Crc64Mismatch', error.message, EXIT.verify);
  }
  if (error instanceof SmhApiError) {
    return new CliError(error.code, error.message, error.status === 404 ? EXIT.notFound : EXIT.error);
  }
  if (error instanceof OpenSmhError) {
    return new CliError(error.name, error.message, EXIT.error);
  }
  return error;
}

export async function runFileCommand(argv: readonly string[], command: FileCommand, io: CliIo, defaultUrl: () => string): Promise<number> {
  const { positionals, values } = parseCommandLine(argv, [...GLOBAL_OPTIONS, ...CREDENTIAL_OPTIONS, ...command.options]);
  if (positionals[0] !== command.name) {
    throw usageError(`put options after "${command.name}"`);
  }
  const args = positionals.slice(1);
  if (args.length < command.minArgs || args.length > command.maxArgs) {
    throw usageError(`wrong number of arguments\nusage: opensmh ${command.name} ${command.usage}`);
  }
  const string = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const json = values.json === true;
  let credentials: ReturnType<typeof resolveCredentials> | null = null;
  const ctx: FileContext = {
    args,
    io,
    json,
    string,
    flag: (name) => values[name] === true,
    credentials: () => (credentials ??= resolveCredentials({ url: string('url'), library: string('library'), secret: string('secret'), token: string('token'), space: string('space') }, io.env, defaultUrl())),
    client: async () => clientOf(await ctx.credentials()),
    print: (line) => io.stdout(`${line}\n`),
    printJson: (value) => io.stdout(`${JSON.stringify(value)}\n`),
    progress: (label) => new ProgressBar({ write: (text) => (json ? undefined : io.stderr(text)), isTTY: !json && io.isTTY === true, columns: io.columns ?? 80 }, label),
    stateDir: stateDir(io),
    signal: io.signal,
  };
  try {
    return (await command.run(ctx)) ?? EXIT.ok;
  } catch (error) {
    throw cliErrorOf(error);
  }
}
