import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Space } from '../../../stores/meta/meta-store.js';
import { authenticate } from '../../plugins/auth.js';
import { iso } from '../../presenters/entry.js';
import { boolParam, bodyObject, intParam, queryOf } from '../../request-input.js';
import type { Services } from '../../services.js';
import { decodeSpaceMarker, encodeSpaceMarker } from './space-marker.js';

function presentSpace(space: Space) {
  return { spaceId: space.spaceId, userId: space.userId, creationTime: iso(space.createdAt) };
}

async function actorOf(services: Services, request: FastifyRequest) {
  const { libraryId } = request.params as { libraryId: string };
  return authenticate(services, request, libraryId);
}

/** Tenant spaces, S1–S8 (core.md §4). */
export function registerSpaceRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/space/:libraryId', async (request, reply) => {
    const actor = await actorOf(services, request);
    const query = queryOf(request);
    const space = await services.spaces.create(actor, query.space_id || undefined, bodyObject(request));
    return reply.status(201).send({ spaceId: space.spaceId });
  });

  app.get('/api/v1/space/:libraryId/list', async (request) => {
    const actor = await actorOf(services, request);
    const query = queryOf(request);
    const limit = intParam(query, 'limit', 1000, 1, 1000);
    const after = query.marker ? decodeSpaceMarker(query.marker) : boolParam(query, 'ordered') ? query.start_name : undefined;
    const prefix = boolParam(query, 'ordered') ? query.prefix : undefined;
    const spaces = await services.spaces.list(actor, { after, prefix, limit: limit + 1 });
    const body: Record<string, unknown> = { list: spaces.slice(0, limit).map(presentSpace) };
    if (spaces.length > limit) {
      const marker = encodeSpaceMarker((spaces[limit - 1] as Space).spaceId);
      body.marker = marker;
      body.nextMarker = marker;
    }
    return body;
  });

  app.get('/api/v1/space/:libraryId', async (request) => {
    const actor = await actorOf(services, request);
    const spaces = await services.spaces.list(actor, { limit: 100_000 });
    return spaces.map(presentSpace);
  });

  app.get('/api/v1/space/:libraryId/count', async (request) => {
    return { total: await services.spaces.count(await actorOf(services, request)) };
  });

  app.delete('/api/v1/space/:libraryId/:spaceId', async (request, reply: FastifyReply) => {
    const actor = await actorOf(services, request);
    const { spaceId } = request.params as { spaceId: string };
    await services.spaces.delete(actor, spaceId, queryOf(request).force === '1');
    return reply.status(204).send();
  });

  app.get('/api/v1/space/:libraryId/:spaceId/extension', async (request) => {
    const actor = await actorOf(services, request);
    const { spaceId } = request.params as { spaceId: string };
    const space = await services.spaces.get(actor, spaceId);
    if (!actor.library.settings.isMultiSpace) {
      const s = actor.library.settings;
      return {
        isPublicRead: s.isPublicRead,
        isMultiAlbum: s.isMultiAlbum,
        allowPhoto: s.allowPhoto,
        allowVideo: s.allowVideo,
        allowPhotoExtname: s.allowPhotoExtName,
        allowVideoExtname: s.allowVideoExtName,
        allowFileExtname: s.allowFileExtName,
        recognizeSensitiveContent: s.recognizeSensitiveContent,
      };
    }
    return space.extension;
  });

  app.post('/api/v1/space/:libraryId/:spaceId/extension', async (request, reply) => {
    const actor = await actorOf(services, request);
    const { spaceId } = request.params as { spaceId: string };
    await services.spaces.modifyExtension(actor, spaceId, bodyObject(request));
    return reply.status(204).send();
  });

  app.get('/api/v1/space/:libraryId/:spaceId/size', async (request) => {
    const actor = await actorOf(services, request);
    const { spaceId } = request.params as { spaceId: string };
    const space = await services.spaces.get(actor, spaceId);
    return { size: String(space.size) };
  });

  app.get('/api/v1/space/:libraryId/:spaceId/file-count', async (request) => {
    const actor = await actorOf(services, request);
    const { spaceId } = request.params as { spaceId: string };
    const counts = await services.spaces.fileCount(actor, spaceId);
    return {
      fileNum: String(counts.files),
      dirNum: String(counts.dirs),
      recycledFileNum: String(counts.recycledFiles),
      recycledDirNum: String(counts.recycledDirs),
      historyFileNum: String(counts.historyFiles),
    };
  });
}
