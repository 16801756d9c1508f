import { AdminClient } from './api/admin-client.js';
import { findCommandWords, GLOBAL_OPTIONS, type OptionValues, parseCommandLine } from './args.js';
import { CliError, USAGE_EXIT_CODE, usageError } from './cli-error.js';
import type { CommandContext, CommandSpec, GroupSpec } from './command-spec.js';
import { GROUPS } from './commands/index.js';
import { type CliConfig, loadAdminKey, resolveConfig } from './config.js';
import { commandHelp, commandUsage, groupHelp, programHelp } from './help.js';
import { FILE_COMMANDS, FILE_HELP, fileCommandHelp, runFileCommand } from './files/index.js';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: file commands draw a progress bar */
  readonly isTTY?: boolean;
  readonly columns?: number;
  /** aborted on Ctrl-C, so transfers stop cleanly and can resume */
  readonly signal?: AbortSignal;
}

function asString(value: OptionValues[string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function context(args: string[], values: OptionValues, config: CliConfig, io: CliIo): CommandContext {
  return {
    args,
    config,
    string: (name) => asString(values[name]),
    flag: (name) => values[name] === true,
    list: (name) => {
      const value = values[name];
      return (Array.isArray(value) ? value : []).filter((item): item is string => typeof item === 'string');
    },
    admin: async () => new AdminClient(config.url, await loadAdminKey(config)),
    print: (line) => io.stdout(`${line}\n`),
  };
}

async function runCommand(argv: readonly string[], group: GroupSpec, command: CommandSpec, io: CliIo): Promise<void> {
  const { positionals, values } = parseCommandLine(argv, [...GLOBAL_OPTIONS, ...command.options]);
  if (positionals[0] !== group.name || positionals[1] !== command.name) {
    throw usageError(`put options after "${group.name} ${command.name}"`);
  }
  const args = positionals.slice(2);
  if (args.length !== command.args.length) {
    const expected = command.args.length === 0 ? 'no arguments' : command.args.join(' ');
    const got = args.length === 0 ? 'none' : args.join(' ');
    throw usageError(`expected ${expected}, got ${got}\nusage: ${commandUsage(group, command)}`);
  }
  for (const option of command.options) {
    if (option.required && values[option.name] === undefined) {
      throw usageError(`--${option.name} is required\nusage: ${commandUsage(group, command)}`);
    }
  }
  const config = resolveConfig(
    { url: asString(values.url), adminKey: asString(values['admin-key']), dataDir: asString(values['data-dir']) },
    io.env,
    io.cwd,
  );
  await command.run(context(args, values, config, io));
}

/** Shows help (stdout, exit 0) when asked for, and as a usage error (stderr, exit 2) when a word is missing. */
function help(text: string, asked: boolean, io: CliIo): number {
  (asked ? io.stdout : io.stderr)(text);
  return asked ? 0 : USAGE_EXIT_CODE;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const words = findCommandWords(argv);
  if (words.group === undefined || words.group === 'help') {
    const named = GROUPS.find((g) => g.name === words.command);
    const file = FILE_COMMANDS.find((c) => c.name === words.command);
    const text = named ? groupHelp(named) : file ? fileCommandHelp(file) : `${programHelp(GROUPS)}\n${FILE_HELP.join('\n')}\n`;
    return help(text, words.wantsHelp || words.group === 'help', io);
  }
  const fileCommand = FILE_COMMANDS.find((c) => c.name === words.group);
  if (fileCommand) {
    if (words.wantsHelp) {
      return help(fileCommandHelp(fileCommand), true, io);
    }
    const url = () => resolveConfig({ url: undefined }, io.env, io.cwd).url;
    return runFileCommand(argv, fileCommand, io, url);
  }
  const group = GROUPS.find((g) => g.name === words.group);
  if (!group) {
    throw usageError(`unknown command group "${words.group}"; groups: ${GROUPS.map((g) => g.name).join(', ')} (see opensmh --help)`);
  }
  const command = group.commands.find((c) => c.name === words.command);
  if (words.command === undefined) {
    return help(groupHelp(group), words.wantsHelp, io);
  }
  if (!command) {
    throw usageError(`unknown command "${group.name} ${words.command}"; commands: ${group.commands.map((c) => c.name).join(', ')}`);
  }
  if (words.wantsHelp) {
    return help(commandHelp(group, command), true, io);
  }
  await runCommand(argv, group, command, io);
  return 0;
}

/** Runs one command line and returns the exit status; every failure becomes `opensmh: <code>: <message>`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // Anything that is not a CliError is a bug here, so keep the stack for the report.
    const failure =
      error instanceof CliError
        ? error
        : new CliError('InternalError', error instanceof Error ? (error.stack ?? error.message) : String(error));
    io.stderr(`opensmh: ${failure.code}: ${failure.message}\n`);
    return failure.exitCode;
  }
}
