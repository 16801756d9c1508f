import { createReadStream } from 'node:fs';
import { stat as localStat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Crc64, type Entry, joinPath, type OpenSmhClient, sameCrc64 } from '@opensmh/client';
import { downloadFile, fileResumeStore, fileSource } from '@opensmh/client/node';
import { CliError } from '../cli-error.js';
import { EXIT, type FileCommand, type FileContext, JSON_OPTION } from './file-command.js';
import { type LocalFile, runPool, walkLocal } from './local-tree.js';
import { formatBytes, type ProgressBar } from './progress-bar.js';

const PARALLEL = { name: 'parallel', type: 'string', value: '<n>', doc: 'Files in flight at once (default 4).' } as const;

function parallelOf(ctx: FileContext): number {
  const value = Number(ctx.string('parallel') ?? 4);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new CliError('UsageError', '--parallel must be an integer from 1 to 64', EXIT.usage);
  }
  return value;
}

/** Uploads one local file with resume state kept under the CLI's state folder. */
async function putFile(ctx: FileContext, client: OpenSmhClient, bar: ProgressBar, file: LocalFile, remote: string, overwrite: boolean): Promise<void> {
  const source = await fileSource(file.path);
  try {
    const key = `${client.baseUrl}|${client.libraryId}|${client.spaceId}|${remote}|${file.path}|${file.size}|${file.mtimeMs}`;
    const result = await client.upload(remote, source, {
      strategy: overwrite ? 'overwrite' : undefined,
      resume: { store: fileResumeStore(join(ctx.stateDir, 'uploads')), key },
      signal: ctx.signal,
      onProgress: bar.listener(file.path),
    });
    bar.fileDone(file.path, file.size);
    const path = result.file.path.join('/');
    if (ctx.json) {
      ctx.printJson({ action: 'upload', local: file.path, remote: path, size: file.size, crc64: result.crc64, instant: result.instant, sentBytes: result.sentBytes, reusedBytes: result.reusedBytes });
    } else {
      const how = result.instant ? ' (instant)' : result.reusedBytes > 0 ? ` (resumed, ${formatBytes(result.reusedBytes)} already there)` : '';
      bar.line(`uploaded ${file.relative} → ${path} ${formatBytes(file.size)}${how}`);
    }
  } finally {
    await source.close?.();
  }
}

function report(ctx: FileContext, bar: ProgressBar, failures: { item: { relative: string }; error: unknown }[]): number {
  bar.finish();
  for (const { item, error } of failures) {
    ctx.io.stderr(`opensmh: failed ${item.relative}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  if (failures.some(({ error }) => error instanceof Error && error.name === 'Crc64MismatchError')) {
    return EXIT.verify;
  }
  return failures.length > 0 ? EXIT.partial : EXIT.ok;
}

export const put: FileCommand = {
  name: 'put',
  usage: '<local...> <remote>',
  summary: 'Upload files and folders (parallel, multipart above 32 MiB, resumable after a crash).',
  minArgs: 2,
  maxArgs: Infinity,
  options: [{ name: 'overwrite', type: 'boolean', doc: 'Replace existing files (default: keep both, renamed).' }, PARALLEL, JSON_OPTION],
  async run(ctx) {
    const client = await ctx.client();
    const locals = ctx.args.slice(0, -1).map((path) => resolve(ctx.io.cwd, path));
    const target = ctx.args.at(-1) as string;
    const targetEntry = await client.stat(target);
    const intoDir = locals.length > 1 || target.endsWith('/') || targetEntry?.type === 'dir';
    const jobs: { file: LocalFile; remote: string }[] = [];
    const dirs = new Set<string>();
    for (const local of locals) {
      const info = await localStat(local).catch(() => null);
      if (!info) {
        throw new CliError('NotFound', `${local}: no such file or directory`, EXIT.notFound);
      }
      if (info.isDirectory()) {
        const base = joinPath(target, intoDir || targetEntry ? basename(local) : '');
        const tree = await walkLocal(local);
        dirs.add(base);
        tree.dirs.forEach((dir) => dirs.add(joinPath(base, dir)));
        tree.files.forEach((file) => jobs.push({ file, remote: joinPath(base, file.relative) }));
      } else {
        const file = { path: local, relative: basename(local), size: info.size, mtimeMs: info.mtimeMs };
        jobs.push({ file, remote: intoDir ? joinPath(target, basename(local)) : joinPath(target) });
        if (intoDir) {
          dirs.add(joinPath(target));
        }
      }
    }
    for (const dir of [...dirs].filter(Boolean).sort()) {
      await client.mkdir(dir);
    }
    const bar = ctx.progress('put');
    jobs.forEach((job) => bar.addFile(job.file.size));
    const failures = await runPool(jobs, parallelOf(ctx), (job) => putFile(ctx, client, bar, job.file, job.remote, ctx.flag('overwrite')));
    return report(ctx, bar, failures.map(({ item, error }) => ({ item: item.file, error })));
  },
};

export const get: FileCommand = {
  name: 'get',
  usage: '<remote> [local]',
  summary: 'Download a file or a directory tree (Range-resumes partial files, verifies CRC-64).',
  minArgs: 1,
  maxArgs: 2,
  options: [PARALLEL, JSON_OPTION],
  async run(ctx) {
    const client = await ctx.client();
    const remote = ctx.args[0] as string;
    const entry = await client.stat(remote);
    if (!entry) {
      throw new CliError('NotFound', `${remote}: no such file or directory`, EXIT.notFound);
    }
    const localArg = resolve(ctx.io.cwd, ctx.args[1] ?? '.');
    const localInfo = await localStat(localArg).catch(() => null);
    const jobs: { remote: string; local: string; relative: string; size: number }[] = [];
    if (entry.type === 'dir') {
      const root = localInfo?.isDirectory() && ctx.args[1] === undefined ? join(localArg, entry.name || 'root') : localArg;
      for await (const { relative, entry: child } of client.walk(remote)) {
        if (child.type !== 'dir') {
          jobs.push({ remote: joinPath(remote, relative), local: join(root, ...relative.split('/')), relative, size: Number(child.size ?? 0) });
        }
      }
    } else {
      const local = localInfo?.isDirectory() ? join(localArg, entry.name) : localArg;
      jobs.push({ remote, local, relative: entry.name, size: Number(entry.size ?? 0) });
    }
    const bar = ctx.progress('get');
    jobs.forEach((job) => bar.addFile(job.size));
    const failures = await runPool(jobs, parallelOf(ctx), async (job) => {
      const result = await downloadFile(client, job.remote, job.local, { signal: ctx.signal, onProgress: bar.listener(job.local) });
      bar.fileDone(job.local, job.size);
      if (ctx.json) {
        ctx.printJson({ action: 'download', remote: job.remote, local: job.local, size: result.size, crc64: result.crc64, fetched: result.fetched });
      } else {
        bar.line(`downloaded ${job.remote} → ${job.local} ${formatBytes(result.size)}`);
      }
    });
    return report(ctx, bar, failures.map(({ item, error }) => ({ item, error })));
  },
};

async function localCrc(path: string): Promise<string> {
  const crc = new Crc64();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    crc.update(chunk as Buffer);
  }
  return crc.digest();
}

export const sync: FileCommand = {
  name: 'sync',
  usage: '<local-dir> <remote-dir>',
  summary: 'One-way sync local → remote: upload what differs by size + CRC-64 (--delete removes extras).',
  minArgs: 2,
  maxArgs: 2,
  options: [
    { name: 'delete', type: 'boolean', doc: 'Delete remote files and directories that are not present locally.' },
    { name: 'dry-run', type: 'boolean', doc: 'Print what would change, change nothing.' },
    PARALLEL,
    JSON_OPTION,
  ],
  async run(ctx) {
    const client = await ctx.client();
    const local = resolve(ctx.io.cwd, ctx.args[0] as string);
    const remote = joinPath(ctx.args[1] as string);
    if (!(await localStat(local).catch(() => null))?.isDirectory()) {
      throw new CliError('NotFound', `${local} is not a directory`, EXIT.notFound);
    }
    const tree = await walkLocal(local);
    const remoteEntries = new Map<string, Entry>();
    if ((await client.stat(remote))?.type === 'dir') {
      for await (const { relative, entry } of client.walk(remote)) {
        remoteEntries.set(relative, entry);
      }
    }
    const changed: LocalFile[] = [];
    let unchanged = 0;
    for (const file of tree.files) {
      const there = remoteEntries.get(file.relative);
      if (there && there.type !== 'dir' && Number(there.size) === file.size && sameCrc64(there.crc64 ?? '', await localCrc(file.path))) {
        unchanged += 1;
      } else {
        changed.push(file);
      }
    }
    const localPaths = new Set([...tree.files.map((f) => f.relative), ...tree.dirs]);
    const extras = ctx.flag('delete') ? [...remoteEntries.keys()].filter((rel) => !localPaths.has(rel)) : [];
    const deletions = extras.filter((rel) => !extras.some((other) => other !== rel && rel.startsWith(`${other}/`)));
    const bar = ctx.progress('sync');
    if (!ctx.flag('dry-run')) {
      for (const dir of [remote, ...tree.dirs.map((d) => joinPath(remote, d))].filter(Boolean)) {
        if (remoteEntries.get(dir.slice(remote.length).replace(/^\//, ''))?.type !== 'dir') {
          await client.mkdir(dir);
        }
      }
    }
    changed.forEach((file) => bar.addFile(file.size));
    const failures = ctx.flag('dry-run')
      ? (changed.forEach((file) => bar.line(`would upload ${file.relative}`)), [])
      : await runPool(changed, parallelOf(ctx), (file) => putFile(ctx, client, bar, file, joinPath(remote, file.relative), true));
    for (const rel of deletions) {
      if (ctx.flag('dry-run')) {
        bar.line(`would delete ${rel}`);
      } else {
        await client.delete(joinPath(remote, rel));
        if (ctx.json) {
          ctx.printJson({ action: 'delete', remote: joinPath(remote, rel) });
        } else {
          bar.line(`deleted ${rel}`);
        }
      }
    }
    const bytes = changed.reduce((sum, file) => sum + file.size, 0);
    const summary = { uploaded: changed.length - failures.length, unchanged, deleted: ctx.flag('dry-run') ? 0 : deletions.length, failed: failures.length, bytes };
    const code = report(ctx, bar, failures);
    if (ctx.json) {
      ctx.printJson({ action: 'summary', ...summary });
    } else {
      ctx.print(`sync: ${summary.uploaded} uploaded (${formatBytes(bytes)}), ${unchanged} unchanged, ${summary.deleted} deleted, ${summary.failed} failed`);
    }
    return code;
  },
};
