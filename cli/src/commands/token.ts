import { createToken } from '../api/token-client.js';
import type { CommandSpec, GroupSpec } from '../command-spec.js';
import { jsonLine, keyValues } from '../output.js';

const create: CommandSpec = {
  name: 'create',
  args: ['<libraryId>'],
  summary: 'Get a business-API access token for a library (SMH GET /api/v1/token).',
  options: [
    { name: 'secret', type: 'string', value: '<secret>', doc: 'Library secret (default: fetched with the admin key).' },
    { name: 'grant', type: 'string', value: '<g1,g2>', doc: 'Comma list of grants, e.g. admin or upload_file,delete_file.' },
    { name: 'space', type: 'string', value: '<spaceId>', doc: 'Bind the token to this space (multi-tenant libraries).' },
    { name: 'user', type: 'string', value: '<userId>', doc: 'User id recorded as the actor.' },
    { name: 'period', type: 'string', value: '<seconds>', doc: 'Lifetime in seconds (default 86400, at least 1200).' },
    { name: 'json', type: 'boolean', doc: 'Print the server\'s {accessToken, expiresIn} as one JSON line.' },
  ],
  async run(ctx) {
    const libraryId = ctx.args[0] ?? '';
    // Fetching the secret needs the admin key; with --secret the command works without one.
    const librarySecret = ctx.string('secret') ?? (await (await ctx.admin()).getSecret(libraryId)).LibrarySecret;
    const token = await createToken(ctx.config.url, {
      libraryId,
      librarySecret,
      grants: ctx.string('grant'),
      spaceId: ctx.string('space'),
      userId: ctx.string('user'),
      period: ctx.string('period'),
    });
    const rows = [['accessToken', token.accessToken], ['expiresIn', `${token.expiresIn} s`]] as const;
    ctx.print(ctx.flag('json') ? jsonLine(token) : keyValues(rows));
  },
};

export const TOKEN_GROUP: GroupSpec = {
  name: 'token',
  summary: 'mint access tokens for the business API',
  commands: [create],
};
