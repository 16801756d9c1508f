import type { FastifyInstance } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import { hasFlag } from '../../request-input.js';
import type { Services } from '../../services.js';
import { spaceRequest } from '../params.js';
import { createSymlink } from './create-symlink.js';
import { createVirtualFile } from './create-virtual-file.js';
import { downloadFile, fileInfo, headFile } from './download.js';
import { copyFile, deleteFile, moveFile } from './modify-file.js';
import { confirmUpload } from './upload-confirm.js';
import { initiateUpload } from './upload-initiate.js';
import { cancelUpload, renewUpload, uploadStatus } from './upload-task.js';
import { uncompressFile } from './uncompress.js';
import { zipPreview } from './zip-preview.js';

const FILE_PATH = '/api/v1/file/:libraryId/:spaceId/*';

/**
 * `/api/v1/file/{L}/{S}/{X}` carries a dozen operations, told apart by method, value-less query
 * flag and body keys (files.md §2.1). The dispatch table lives here; each operation has its own file.
 */
export function registerFileRoutes(app: FastifyInstance, services: Services): void {
  app.put(FILE_PATH, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (hasFlag(input.query, 'virtual_file')) {
      return createVirtualFile(services, input);
    }
    if (typeof body === 'object' && body !== null && 'from' in body) {
      return moveFile(services, input);
    }
    if (typeof body === 'object' && body !== null && 'copyFrom' in body) {
      return copyFile(services, input);
    }
    if (typeof body === 'object' && body !== null && 'linkTo' in body) {
      return createSymlink(services, input);
    }
    if (typeof body === 'object' && body !== null && 'fromTemplate' in body) {
      throw new SmhError('UnsupportedFileType', 'Templates are not supported yet.');
    }
    return initiateUpload(services, input, 'simple');
  });
  app.post(FILE_PATH, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (hasFlag(input.query, 'confirm')) {
      return confirmUpload(services, input);
    }
    if (hasFlag(input.query, 'renew')) {
      return renewUpload(services, input);
    }
    if (hasFlag(input.query, 'uncompress')) {
      return uncompressFile(services, input);
    }
    if (hasFlag(input.query, 'multipart')) {
      return initiateUpload(services, input, 'multipart');
    }
    return initiateUpload(services, input, 'form');
  });
  app.get(FILE_PATH, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (hasFlag(input.query, 'upload')) {
      return uploadStatus(services, input);
    }
    if (hasFlag(input.query, 'info')) {
      return fileInfo(services, input);
    }
    if (hasFlag(input.query, 'zip-preview')) {
      return zipPreview(services, input);
    }
    return downloadFile(services, input);
  });
  app.head(FILE_PATH, async (request, reply) => headFile(services, await spaceRequest(services, request, reply)));
  app.delete(FILE_PATH, async (request, reply) => {
    const input = await spaceRequest(services, request, reply);
    if (hasFlag(input.query, 'upload')) {
      return cancelUpload(services, input);
    }
    return deleteFile(services, input);
  });
}
