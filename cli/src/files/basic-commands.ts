import { type Entry, SmhApiError } from '@opensmh/client';
import { CliError } from '../cli-error.js';
import { keyValues } from '../output.js';
import { clientOf, resolveCredentials, writeConfigFile } from './credentials.js';
import { EXIT, type FileCommand, type FileContext, JSON_OPTION } from './file-command.js';
import { formatBytes } from './progress-bar.js';

function entryLine(entry: Entry, name: string, long: boolean): string {
  const label = entry.type === 'dir' ? `${name}/` : name;
  if (!long) {
    return label;
  }
  const size = entry.type === 'dir' ? '-' : formatBytes(Number(entry.size ?? 0));
  return `${entry.type.padEnd(5)} ${size.padStart(10)}  ${entry.modificationTime}  ${label}`;
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

async function notFound(ctx: FileContext, path: string): Promise<Entry> {
  const entry = await (await ctx.client()).stat(path);
  if (!entry) {
    throw new CliError('NotFound', `${path}: no such file or directory`, EXIT.notFound);
  }
  return entry;
}

export const ls: FileCommand = {
  name: 'ls',
  usage: '[remote-path]',
  summary: 'List a directory (-l details, -R recursive).',
  minArgs: 0,
  maxArgs: 1,
  options: [
    { name: 'long', short: 'l', type: 'boolean', doc: 'Type, size and modification time per entry.' },
    { name: 'recursive', short: 'R', type: 'boolean', doc: 'List the whole subtree (paths relative to the directory).' },
    JSON_OPTION,
  ],
  async run(ctx) {
    const client = await ctx.client();
    const path = ctx.args[0] ?? '';
    const entry = await notFound(ctx, path);
    if (entry.type !== 'dir') {
      if (ctx.json) {
        ctx.printJson(entry);
      } else {
        ctx.print(entryLine(entry, entry.name, ctx.flag('long')));
      }
      return;
    }
    const items = ctx.flag('recursive') ? client.walk(path) : mapAsync(client.list(path), (e) => ({ relative: e.name, entry: e }));
    for await (const { relative, entry: child } of items) {
      if (ctx.json) {
        ctx.printJson({ ...child, relative });
      } else {
        ctx.print(entryLine(child, relative, ctx.flag('long')));
      }
    }
  },
};

async function* mapAsync<T, U>(items: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) {
    yield map(item);
  }
}

export const mkdir: FileCommand = {
  name: 'mkdir',
  usage: '<remote-path...>',
  summary: 'Create directories and their parents (no error if they exist).',
  minArgs: 1,
  maxArgs: Infinity,
  options: [],
  async run(ctx) {
    const client = await ctx.client();
    for (const path of ctx.args) {
      await client.mkdir(path);
    }
  },
};

export const rm: FileCommand = {
  name: 'rm',
  usage: '<remote-path...>',
  summary: 'Delete files (directories with -r); into the recycle bin when the library has one.',
  minArgs: 1,
  maxArgs: Infinity,
  options: [
    { name: 'recursive', short: 'r', type: 'boolean', doc: 'Allow deleting directories with everything in them.' },
    { name: 'permanent', type: 'boolean', doc: 'Bypass the recycle bin.' },
    JSON_OPTION,
  ],
  async run(ctx) {
    const client = await ctx.client();
    for (const path of ctx.args) {
      const entry = await notFound(ctx, path);
      if (entry.type === 'dir' && !ctx.flag('recursive')) {
        throw new CliError('IsADirectory', `${path} is a directory; use rm -r`, EXIT.usage);
      }
      const result = await client.delete(path, { permanent: ctx.flag('permanent') });
      if (ctx.json) {
        ctx.printJson({ path, ...result });
      } else {
        ctx.print(`deleted ${path}${result.recycledItemId !== undefined ? ` (recycle bin item ${result.recycledItemId})` : ''}`);
      }
    }
  },
};

const STRATEGY = { name: 'strategy', type: 'string', value: '<ask|rename|overwrite>', doc: 'Name clash handling (files default rename, directories ask).' } as const;

function transferCommand(name: 'mv' | 'cp', summary: string): FileCommand {
  return {
    name,
    usage: '<remote-source> <remote-target>',
    summary,
    minArgs: 2,
    maxArgs: 2,
    options: [STRATEGY, JSON_OPTION],
    async run(ctx) {
      const client = await ctx.client();
      const [from, to] = ctx.args as [string, string];
      await notFound(ctx, from);
      const strategy = ctx.string('strategy') as 'ask' | 'rename' | 'overwrite' | undefined;
      const path = name === 'mv' ? await client.move(from, to, { strategy }) : await client.copy(from, to, { strategy });
      if (ctx.json) {
        ctx.printJson({ from, path });
      } else {
        ctx.print(`${from} → ${path.join('/')}`);
      }
    },
  };
}

export const mv = transferCommand('mv', 'Move or rename a file or directory.');
export const cp = transferCommand('cp', 'Copy a file or directory (server side; no bytes travel).');

export const stat: FileCommand = {
  name: 'stat',
  usage: '<remote-path>',
  summary: 'Show details of a file or directory (size, CRC-64, eTag, times, metadata).',
  minArgs: 1,
  maxArgs: 1,
  options: [JSON_OPTION],
  async run(ctx) {
    const entry = await notFound(ctx, ctx.args[0] as string);
    if (ctx.json) {
      ctx.printJson(entry);
      return;
    }
    const rows = Object.entries(entry).filter(([, value]) => typeof value !== 'object' || Array.isArray(value));
    ctx.print(keyValues(rows));
  },
};

export const find: FileCommand = {
  name: 'find',
  usage: '[remote-path]',
  summary: 'List every entry below a path, filtered by --name glob and --type.',
  minArgs: 0,
  maxArgs: 1,
  options: [
    { name: 'name', type: 'string', value: '<glob>', doc: 'Match the last path segment, e.g. "*.jpg".' },
    { name: 'type', type: 'string', value: '<f|d>', doc: 'Files (f) or directories (d) only.' },
    JSON_OPTION,
  ],
  async run(ctx) {
    const client = await ctx.client();
    const base = ctx.args[0] ?? '';
    await notFound(ctx, base);
    const pattern = ctx.string('name') === undefined ? null : glob(ctx.string('name') as string);
    const type = ctx.string('type');
    for await (const { relative, entry } of client.walk(base)) {
      if ((pattern && !pattern.test(entry.name)) || (type === 'f' && entry.type === 'dir') || (type === 'd' && entry.type !== 'dir')) {
        continue;
      }
      const full = [base, relative].filter(Boolean).join('/').replace(/^\/+/, '');
      if (ctx.json) {
        ctx.printJson({ path: full, ...entry });
      } else {
        ctx.print(entry.type === 'dir' ? `${full}/` : full);
      }
    }
  },
};

export const du: FileCommand = {
  name: 'du',
  usage: '[remote-path]',
  summary: 'Total size, file and directory count below a path.',
  minArgs: 0,
  maxArgs: 1,
  options: [JSON_OPTION],
  async run(ctx) {
    const client = await ctx.client();
    const base = ctx.args[0] ?? '';
    await notFound(ctx, base);
    const total = { bytes: 0, files: 0, dirs: 0 };
    for await (const { entry } of client.walk(base)) {
      if (entry.type === 'dir') {
        total.dirs += 1;
      } else {
        total.files += 1;
        total.bytes += Number(entry.size ?? 0);
      }
    }
    if (ctx.json) {
      ctx.printJson({ path: base, ...total });
    } else {
      ctx.print(`${formatBytes(total.bytes)} (${total.bytes} bytes) in ${total.files} files, ${total.dirs} directories: ${base || '/'}`);
    }
  },
};

export const login: FileCommand = {
  name: 'login',
  usage: '',
  summary: 'Check credentials and save them (config file, mode 0600) for the file commands.',
  minArgs: 0,
  maxArgs: 0,
  options: [],
  async run(ctx) {
    const credentials = await ctx.credentials();
    try {
      await clientOf(credentials).stat('/');
      await clientOf(credentials).accessToken();
    } catch (error) {
      if (error instanceof SmhApiError) {
        throw new CliError(error.code, `the server refused these credentials: ${error.message}`);
      }
      throw error;
    }
    const path = await writeConfigFile(ctx.io.env, credentials);
    ctx.print(`saved credentials for library ${credentials.libraryId} at ${credentials.url} to ${path}`);
  },
};

export { resolveCredentials };
