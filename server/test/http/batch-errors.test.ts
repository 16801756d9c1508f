import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { batchCall } from '../helpers/batch-client.js';
import { childNames, mkdirOk } from '../helpers/entry-client.js';
import { adminToken, assertSmhError, call, createLibrary, createSpace, type Library, q } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

describe('batch requests: bad input is refused as a whole', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer();
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await mkdirOk(server, library, token, 'keep');
  });
  after(async () => {
    await server.close();
  });

  it('no items: NoItemsProvided; more than 1000: TooManyItems', async () => {
    assertSmhError(await batchCall(server, library, token, 'delete', []), 400, 'NoItemsProvided');
    assertSmhError(await batchCall(server, library, token, 'copy', undefined), 400, 'NoItemsProvided');
    const many = Array.from({ length: 1001 }, (_, i) => ({ path: `keep/${i}` }));
    assertSmhError(await batchCall(server, library, token, 'delete', many), 400, 'TooManyItems');
    assertSmhError(await batchCall(server, library, token, 'move', many.map(({ path }) => ({ from: path, to: `x${path}` }))), 400, 'TooManyItems');
  });

  it('a body that is not an array of item objects: ParamInvalid', async () => {
    assertSmhError(await batchCall(server, library, token, 'delete', { path: 'keep' }), 400, 'ParamInvalid');
    assertSmhError(await batchCall(server, library, token, 'delete', ['keep']), 400, 'ParamInvalid');
    assertSmhError(await batchCall(server, library, token, 'delete', [{ path: 'keep' }, null]), 400, 'ParamInvalid');
    assertSmhError(await batchCall(server, library, token, 'delete', 'keep'), 400, 'BadRequest');
  });

  it('missing or mistyped fields: ParamInvalid', async () => {
    const cases: [Parameters<typeof batchCall>[3], unknown][] = [
      ['delete', [{}]],
      ['delete', [{ path: 42 }]],
      ['delete', [{ path: 'keep', permanent: 'maybe' }]],
      ['delete', [{ path: 'keep', permanent: 2 }]],
      ['copy', [{ copyFrom: 'keep' }]],
      ['copy', [{ to: 'x' }]],
      ['copy', [{ copyFrom: 'keep', to: ['x'] }]],
      ['copy', [{ copyFrom: 'keep', to: 'x', copyFromSpaceId: 7 }]],
      ['copy', [{ copyFrom: 'keep', to: 'x', copyFromLibraryId: 'smhotherlibrary' }]],
      ['copy', [{ copyFrom: 'keep', to: 'x', moveAuthority: 'sometimes' }]],
      ['move', [{ from: 'keep' }]],
      ['move', [{ from: 'keep', to: 'x', fromSpaceId: 'another-space' }]],
      ['move', [{ from: null, to: 'x' }]],
    ];
    for (const [action, body] of cases) {
      assertSmhError(await batchCall(server, library, token, action, body), 400, 'ParamInvalid');
    }
  });

  it('an unknown conflict strategy: InvalidConflictResolutionStrategy', async () => {
    const body = [{ copyFrom: 'keep', to: 'x', conflictResolutionStrategy: 'merge' }];
    assertSmhError(await batchCall(server, library, token, 'copy', body), 400, 'InvalidConflictResolutionStrategy');
    assertSmhError(await batchCall(server, library, token, 'move', [{ from: 'keep', to: 'x', conflictResolutionStrategy: 1 }]), 400, 'InvalidConflictResolutionStrategy');
  });

  it('nothing was touched by the refused requests', async () => {
    assert.deepEqual(await childNames(server, library, token, ''), ['keep']);
  });

  it('needs an action flag, a token and a space the token covers', async () => {
    const url = `/api/v1/batch/${library.libraryId}/-`;
    assertSmhError(await call(server, 'POST', `${url}${q(token)}`, { body: [{ path: 'keep' }] }), 404, 'RouteNotFound');
    assertSmhError(await call(server, 'POST', `${url}?delete`, { body: [{ path: 'keep' }] }), 400, 'EmptyAccessToken');
    assertSmhError(await call(server, 'POST', `${url}${q('not-a-token', { delete: '' })}`, { body: [{ path: 'keep' }] }), 403, 'InvalidAccessToken');
    assertSmhError(await batchCall(server, library, token, 'delete', [{ path: 'keep' }], 'space1'), 404, 'SpaceNotFound');
    const multi = await createLibrary(server, { IsMultiSpace: true });
    const admin = await adminToken(server, multi);
    const space = await createSpace(server, multi, admin);
    const other = await adminToken(server, library);
    assertSmhError(await batchCall(server, multi, other, 'delete', [{ path: 'x' }], space), 403, 'InvalidAccessToken');
    assertSmhError(await batchCall(server, multi, admin, 'delete', [{ path: 'x' }], 'nosuchspace'), 404, 'SpaceNotFound');
  });
});
