import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';
import type { OptionSpec } from './command-spec.js';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'url',
    type: 'string',
    value: '<url>',
    doc: 'Server base URL (default: http://127.0.0.1:$OPENSMH_PORT, port 8080 when unset).',
  },
  {
    name: 'admin-key',
    type: 'string',
    value: '<key>',
    doc: 'Admin key (default: $OPENSMH_ADMIN_KEY, else the admin-key file in the data folder).',
  },
  {
    name: 'data-dir',
    type: 'string',
    value: '<dir>',
    doc: 'Server data folder holding admin-key (default: $OPENSMH_DATA_DIR, else ./data).',
  },
  { name: 'help', short: 'h', type: 'boolean', doc: 'Show help for the program, a group or a command.' },
];

export interface CommandWords {
  readonly group?: string;
  readonly command?: string;
  readonly wantsHelp: boolean;
}

/**
 * Finds `<group> <command>` before the full parse, because which options exist (and so which
 * words are option values) depends on the command. Only global options may come before the
 * command, so knowing which of those take a value is enough to skip their values.
 */
export function findCommandWords(argv: readonly string[]): CommandWords {
  const takesValue = new Set(GLOBAL_OPTIONS.filter((o) => o.type === 'string').map((o) => `--${o.name}`));
  const words: string[] = [];
  let wantsHelp = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') {
      break;
    }
    if (token === '--help' || token === '-h') {
      wantsHelp = true;
    } else if (takesValue.has(token)) {
      i++;
    } else if (!token.startsWith('-') && words.length < 2) {
      words.push(token);
    }
  }
  return { group: words[0], command: words[1], wantsHelp };
}

/** Parses the whole command line strictly against the global plus the command's options. */
export function parseCommandLine(
  argv: readonly string[],
  options: readonly OptionSpec[],
): { positionals: string[]; values: OptionValues } {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const option of options) {
    // parseArgs rejects keys that are present but undefined, so copy only the ones that are set.
    config[option.name] = {
      type: option.type,
      ...(option.short !== undefined ? { short: option.short } : {}),
      ...(option.multiple !== undefined ? { multiple: option.multiple } : {}),
    };
  }
  try {
    const { positionals, values } = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
    return { positionals, values: values as OptionValues };
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      throw error;
    }
    // parseArgs's messages go on to explain `--` escaping at length; the first sentence is the news.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] ?? error.message : String(error);
    throw usageError(message.replace(/\.$/, ''));
  }
}
