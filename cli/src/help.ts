import { GLOBAL_OPTIONS } from './args.js';
import type { CommandSpec, GroupSpec, OptionSpec } from './command-spec.js';

const PROGRAM = 'opensmh';

function valuePart(option: OptionSpec): string {
  return option.type === 'string' ? ` ${option.value ?? '<value>'}` : '';
}

function optionUsage(option: OptionSpec): string {
  const text = `--${option.name}${valuePart(option)}${option.multiple ? ' ...' : ''}`;
  return option.required ? text : `[${text}]`;
}

export function commandUsage(group: GroupSpec, command: CommandSpec): string {
  return [PROGRAM, group.name, command.name, ...command.args, ...command.options.map(optionUsage)].join(' ');
}

function optionList(options: readonly OptionSpec[], indent: string): string[] {
  const labels = options.map((o) => `${o.short ? `-${o.short}, ` : ''}--${o.name}${valuePart(o)}`);
  const width = Math.max(...labels.map((label) => label.length));
  return options.map((option, i) => `${indent}${(labels[i] ?? '').padEnd(width)}  ${option.doc}`);
}

function commandBlock(group: GroupSpec, command: CommandSpec): string[] {
  const lines = [`  ${commandUsage(group, command)}`, `      ${command.summary}`];
  if (command.options.length > 0) {
    lines.push(...optionList(command.options, '      '));
  }
  return lines;
}

const GLOBAL_SECTION = ['Global options (any command):', ...optionList(GLOBAL_OPTIONS, '  ')];

/** `opensmh --help`: every command of every group, one usage line each. */
export function programHelp(groups: readonly GroupSpec[]): string {
  const lines = [
    `${PROGRAM}: command-line client for an OpenSMH server (control plane and tokens)`,
    '',
    `Usage: ${PROGRAM} <group> <command> [arguments] [options]`,
    '',
    'Commands:',
  ];
  for (const group of groups) {
    for (const command of group.commands) {
      lines.push(`  ${[group.name, command.name, ...command.args].join(' ').padEnd(24)}  ${command.summary}`);
    }
  }
  lines.push('', ...GLOBAL_SECTION, '');
  lines.push(`Run \`${PROGRAM} <group> --help\` for every command's options, e.g. \`${PROGRAM} library --help\`.`);
  return `${lines.join('\n')}\n`;
}

/** `opensmh <group> --help`: each command's usage, summary and options, then the group's notes. */
export function groupHelp(group: GroupSpec): string {
  const lines = [`${PROGRAM} ${group.name}: ${group.summary}`, '', 'Commands:'];
  for (const command of group.commands) {
    lines.push(...commandBlock(group, command), '');
  }
  for (const note of group.notes ?? []) {
    lines.push(note, '');
  }
  lines.push(...GLOBAL_SECTION);
  return `${lines.join('\n')}\n`;
}

export function commandHelp(group: GroupSpec, command: CommandSpec): string {
  const notes = (group.notes ?? []).flatMap((note) => [note, '']);
  return `${['Usage:', ...commandBlock(group, command), '', ...notes, ...GLOBAL_SECTION].join('\n')}\n`;
}
