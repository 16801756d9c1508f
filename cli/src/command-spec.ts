import type { AdminClient } from './api/admin-client.js';
import type { CliConfig } from './config.js';

/** One `--option`; the same record drives parsing (node:util parseArgs) and the help text. */
export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly required?: boolean;
  /** placeholder shown in help, e.g. `<name>` */
  readonly value?: string;
  readonly doc: string;
}

export interface CommandContext {
  /** positional arguments after `<group> <command>`, already checked against `args` */
  readonly args: readonly string[];
  readonly config: CliConfig;
  string(name: string): string | undefined;
  flag(name: string): boolean;
  list(name: string): string[];
  /** The admin API client; the admin key is only looked up when a command asks for it. */
  admin(): Promise<AdminClient>;
  /** Writes one line to stdout. */
  print(line: string): void;
}

export interface CommandSpec {
  readonly name: string;
  /** names of the required positional arguments, in order, e.g. `['<id>']` */
  readonly args: readonly string[];
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  run(ctx: CommandContext): Promise<void>;
}

export interface GroupSpec {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly CommandSpec[];
  /** extra paragraphs for `opensmh <group> --help` */
  readonly notes?: readonly string[];
}
