import type { LibraryInput } from '../api/admin-client.js';
import { usageError } from '../cli-error.js';
import type { CommandContext, CommandSpec, GroupSpec, OptionSpec } from '../command-spec.js';
import { LIBRARY_FIELDS_BY_TYPE } from '../library-fields.js';
import { formatLibrary, jsonLine, keyValues, libraryKind, table, wrapList } from '../output.js';
import { parseSetOptions } from '../set-values.js';

const JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', doc: 'Print one JSON line instead of text.' };
const SET_OPTION: OptionSpec = {
  name: 'set',
  type: 'string',
  multiple: true,
  value: 'Key=Value',
  doc: 'Set a LibraryExtension field (repeatable; applied after the other flags, see below).',
};
const REMARK_OPTION: OptionSpec = { name: 'remark', type: 'string', value: '<text>', doc: 'Free-text remark.' };

function id(ctx: CommandContext): string {
  return ctx.args[0] ?? '';
}

/**
 * --file/--media/--multi-tenant are shorthands for the two fields fixed at creation. The CLI
 * makes file libraries (a disk with folders) unless --media is given: that is what people
 * setting up a server by hand expect. SMH's API default (a media library) still applies to
 * libraries created through the admin API without IsFileLibrary.
 */
function creationExtension(ctx: CommandContext): Record<string, unknown> {
  if (ctx.flag('file') && ctx.flag('media')) {
    throw usageError('--file and --media exclude each other');
  }
  return {
    IsFileLibrary: !ctx.flag('media'),
    ...(ctx.flag('multi-tenant') ? { IsMultiSpace: true } : {}),
    ...parseSetOptions(ctx.list('set')),
  };
}

function libraryInput(ctx: CommandContext, extension: Record<string, unknown>): LibraryInput {
  return {
    ...(ctx.string('name') !== undefined ? { Name: ctx.string('name') } : {}),
    ...(ctx.string('remark') !== undefined ? { Remark: ctx.string('remark') } : {}),
    ...(Object.keys(extension).length > 0 ? { LibraryExtension: extension } : {}),
  };
}

const create: CommandSpec = {
  name: 'create',
  args: [],
  summary: 'Create a library and print its id and secret.',
  options: [
    { name: 'name', type: 'string', required: true, value: '<name>', doc: 'Library name.' },
    REMARK_OPTION,
    { name: 'file', type: 'boolean', doc: 'File library (IsFileLibrary=true, the CLI default): folders and any file type.' },
    { name: 'media', type: 'boolean', doc: 'Media library (IsFileLibrary=false): albums of photos and videos only.' },
    { name: 'multi-tenant', type: 'boolean', doc: 'Multi-tenant library (IsMultiSpace=true): one space per tenant.' },
    SET_OPTION,
    { ...JSON_OPTION, doc: 'Print only {"libraryId":…,"librarySecret":…} as one JSON line.' },
  ],
  async run(ctx) {
    const created = await (await ctx.admin()).createLibrary(libraryInput(ctx, creationExtension(ctx)));
    if (ctx.flag('json')) {
      ctx.print(jsonLine({ libraryId: created.LibraryId, librarySecret: created.LibrarySecret }));
      return;
    }
    ctx.print(`Created ${libraryKind(created)} library "${created.Name}".`);
    ctx.print(keyValues([['LibraryId', created.LibraryId], ['LibrarySecret', created.LibrarySecret]], '  '));
    ctx.print(`Keep the secret private; \`opensmh library secret ${created.LibraryId}\` shows it again.`);
  },
};

const list: CommandSpec = {
  name: 'list',
  args: [],
  summary: 'List libraries, one page at a time.',
  options: [
    { name: 'page', type: 'string', value: '<n>', doc: 'Page number, from 1 (default 1).' },
    { name: 'page-size', type: 'string', value: '<n>', doc: 'Libraries per page, 1-100 (default 20).' },
    { ...JSON_OPTION, doc: 'Print the server\'s {List, TotalCount} as one JSON line.' },
  ],
  async run(ctx) {
    const page = await (await ctx.admin()).listLibraries(ctx.string('page'), ctx.string('page-size'));
    if (ctx.flag('json')) {
      ctx.print(jsonLine(page));
      return;
    }
    if (page.List.length === 0) {
      ctx.print(
        page.TotalCount === 0
          ? 'No libraries yet; create one with `opensmh library create --name <name>`.'
          : `No libraries on this page (${page.TotalCount} in total).`,
      );
      return;
    }
    const rows = page.List.map((library) => [library.LibraryId, library.Name, libraryKind(library), library.CreationTime]);
    ctx.print(table(['LibraryId', 'Name', 'Kind', 'CreationTime'], rows));
    ctx.print(`(${page.List.length} shown, ${page.TotalCount} in total)`);
  },
};

const show: CommandSpec = {
  name: 'show',
  args: ['<id>'],
  summary: 'Show one library: settings, size and file counts.',
  options: [{ ...JSON_OPTION, doc: 'Print the server\'s Library object as one JSON line.' }],
  async run(ctx) {
    const library = await (await ctx.admin()).getLibrary(id(ctx));
    ctx.print(ctx.flag('json') ? jsonLine(library) : formatLibrary(library));
  },
};

const modify: CommandSpec = {
  name: 'modify',
  args: ['<id>'],
  summary: 'Change a library\'s name, remark or settings; fields not given stay as they are.',
  options: [
    { name: 'name', type: 'string', value: '<name>', doc: 'New name.' },
    REMARK_OPTION,
    SET_OPTION,
    { ...JSON_OPTION, doc: 'Print the updated Library object as one JSON line.' },
  ],
  async run(ctx) {
    const input = libraryInput(ctx, parseSetOptions(ctx.list('set')));
    if (Object.keys(input).length === 0) {
      throw usageError('nothing to modify: give --name, --remark or --set');
    }
    const library = await (await ctx.admin()).modifyLibrary(id(ctx), input);
    ctx.print(ctx.flag('json') ? jsonLine(library) : `Updated library ${library.LibraryId}.\n${formatLibrary(library)}`);
  },
};

const remove: CommandSpec = {
  name: 'delete',
  args: ['<id>'],
  summary: 'Delete a library (a multi-tenant one with spaces needs --force).',
  options: [
    {
      name: 'force',
      type: 'boolean',
      doc: 'Delete even a multi-tenant library that has spaces, with their files (else LibraryNotEmpty).',
    },
  ],
  async run(ctx) {
    await (await ctx.admin()).deleteLibrary(id(ctx), ctx.flag('force'));
    ctx.print(`Deleted library ${id(ctx)}.`);
  },
};

const secret: CommandSpec = {
  name: 'secret',
  args: ['<id>'],
  summary: 'Print a library\'s secret, or replace it with a new one.',
  options: [
    { name: 'rotate', type: 'boolean', doc: 'Generate a new secret; the old one stops working at once.' },
    { ...JSON_OPTION, doc: 'Print {"libraryId":…,"librarySecret":…} as one JSON line.' },
  ],
  async run(ctx) {
    const admin = await ctx.admin();
    const result = ctx.flag('rotate') ? await admin.rotateSecret(id(ctx)) : await admin.getSecret(id(ctx));
    if (ctx.flag('json')) {
      ctx.print(jsonLine({ libraryId: result.LibraryId, librarySecret: result.LibrarySecret }));
      return;
    }
    ctx.print(keyValues([['LibraryId', result.LibraryId], ['LibrarySecret', result.LibrarySecret]]));
    if (ctx.flag('rotate')) {
      ctx.print('The secret was rotated; the previous one no longer works.');
    }
  },
};

export const LIBRARY_GROUP: GroupSpec = {
  name: 'library',
  summary: 'manage libraries through the admin API',
  commands: [create, list, show, modify, remove, secret],
  notes: [
    [
      '--set Key=Value fields (SMH LibraryExtension; * = only at creation). Values: true/false become',
      'booleans, digits become numbers, null becomes null, *ExtName values are comma lists (.jpg,.png):',
      ...LIBRARY_FIELDS_BY_TYPE.map(([type, fields]) => wrapList(`  ${type}: `, fields, 100)),
    ].join('\n'),
  ],
};
