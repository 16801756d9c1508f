import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { OBJECT_PREFIX } from '../../../services/download.service.js';
import { STORAGE_PREFIX } from '../../../services/upload-target.js';
import { registerRawBodies } from '../../plugins/body-parsers.js';
import type { Services } from '../../services.js';
import { receiveForm } from './receive-form.js';
import { receiveUpload } from './receive-upload.js';
import { serveObject } from './serve-object.js';

/** Object-storage endpoints: where upload targets and download links point. */
export async function registerStorageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (storage) => {
    registerRawBodies(storage);
    storage.put(`${STORAGE_PREFIX}:confirmKey`, { bodyLimit: Number.MAX_SAFE_INTEGER }, (request, reply) =>
      receiveUpload(services, request, reply),
    );
    storage.get(`${OBJECT_PREFIX}:name`, (request, reply) => serveObject(services, request, reply));
    storage.head(`${OBJECT_PREFIX}:name`, (request, reply) => serveObject(services, request, reply));
  });
  await app.register(async (forms) => {
    await forms.register(multipart, { limits: { fileSize: Number.MAX_SAFE_INTEGER, fields: 50, files: 1 } });
    forms.post('/', (request, reply) => receiveForm(services, request, reply));
  });
}
