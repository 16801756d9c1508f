import type { OpenSmhClient } from '@opensmh/client';
import type { CliIo } from '../cli.js';
import type { OptionSpec } from '../command-spec.js';
import type { Credentials } from './credentials.js';
import type { ProgressBar } from './progress-bar.js';

/** Exit statuses of file commands (documented in `opensmh --help` and the README). */
export const EXIT = { ok: 0, error: 1, usage: 2, notFound: 3, verify: 4, partial: 5 } as const;

export interface FileContext {
  readonly args: readonly string[];
  readonly io: CliIo;
  string(name: string): string | undefined;
  flag(name: string): boolean;
  /** --json: machine output on stdout, one JSON document per line, no progress */
  readonly json: boolean;
  credentials(): Promise<Credentials>;
  client(): Promise<OpenSmhClient>;
  print(line: string): void;
  printJson(value: unknown): void;
  progress(label: string): ProgressBar;
  /** folder for multipart resume states */
  readonly stateDir: string;
  readonly signal: AbortSignal | undefined;
}

export interface FileCommand {
  readonly name: string;
  /** e.g. `<local...> <remote>` */
  readonly usage: string;
  readonly summary: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly options: readonly OptionSpec[];
  run(ctx: FileContext): Promise<number | void>;
}

export const JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', doc: 'Machine output: one JSON document per line on stdout.' };
