import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import type { Library } from '../../../stores/meta/meta-store.js';
import { parseExtension, presentLibrary } from '../../presenters/library.js';
import { bodyObject, intParam, optionalString, queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';

function requireAdminKey(services: Services, request: FastifyRequest): void {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? String(request.headers['x-opensmh-admin-key'] ?? ''));
  const expected = Buffer.from(services.adminKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SmhError('InvalidAdminKey');
  }
}

function input(request: FastifyRequest) {
  const body = bodyObject(request);
  return {
    name: optionalString(body, 'Name', 200) ?? optionalString(body, 'name', 200),
    remark: optionalString(body, 'Remark', 1000) ?? optionalString(body, 'remark', 1000),
    settings: parseExtension(body.LibraryExtension ?? body.libraryExtension),
  };
}

/**
 * The control plane (what SMH's console and CreateLibrary/DescribeLibraries/… do), authorised
 * by the admin key the server generates on first start.
 */
export async function registerLibraryRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => requireAdminKey(services, request));
    const withSecret = (library: Library) => ({ ...presentLibrary(library, null), LibrarySecret: library.secret });

    admin.post('/admin/v1/library', async (request, reply) => {
      const library = await services.libraries.create(input(request));
      return reply.status(201).send(withSecret(library));
    });
    admin.get('/admin/v1/library', async (request) => {
      const query = queryOf(request);
      const ids = query.LibraryIds ? query.LibraryIds.split(',') : undefined;
      const page = intParam(query, 'PageNumber', 1, 1, 1_000_000);
      const size = intParam(query, 'PageSize', 20, 1, 100);
      const { items, total } = await services.libraries.list(page, size, ids);
      return { List: items.map((library) => presentLibrary(library, null)), TotalCount: total };
    });
    admin.get('/admin/v1/library/:libraryId', async (request) => {
      const { libraryId } = request.params as { libraryId: string };
      const library = await services.libraries.get(libraryId);
      return presentLibrary(library, await services.libraries.usage(library));
    });
    admin.put('/admin/v1/library/:libraryId', async (request) => {
      const { libraryId } = request.params as { libraryId: string };
      return presentLibrary(await services.libraries.modify(libraryId, input(request)), null);
    });
    admin.delete('/admin/v1/library/:libraryId', async (request, reply) => {
      const { libraryId } = request.params as { libraryId: string };
      await services.libraries.delete(libraryId, queryOf(request).force === '1');
      return reply.status(204).send();
    });
    admin.get('/admin/v1/library/:libraryId/secret', async (request) => {
      const { libraryId } = request.params as { libraryId: string };
      const library = await services.libraries.get(libraryId);
      return { LibraryId: library.id, LibrarySecret: library.secret };
    });
    admin.post('/admin/v1/library/:libraryId/secret', async (request) => {
      const { libraryId } = request.params as { libraryId: string };
      const library = await services.libraries.rotateSecret(libraryId);
      return { LibraryId: library.id, LibrarySecret: library.secret };
    });
  });
}
