import type { FastifyReply, FastifyRequest } from 'fastify';
import { SmhError } from '../../../errors/smh-error.js';
import type { Services } from '../../services.js';
import { abortOnDisconnect } from './receive-upload.js';

interface FieldPart {
  type: 'field';
  fieldname: string;
  value: unknown;
}

/**
 * POST / as multipart/form-data: the form upload target (files.md §3.5). Fields come first and
 * the `file` field last, so the signature is checked before a byte of the file is stored.
 */
export async function receiveForm(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (!request.isMultipart()) {
    throw new SmhError('BadRequest', 'A form upload must be multipart/form-data.');
  }
  await services.freeSpace.assertRoomFor(Number(request.headers['content-length'] ?? 0) || 0);
  const fields: Record<string, string> = {};
  const signal = abortOnDisconnect(request);
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[(part as FieldPart).fieldname] = String((part as FieldPart).value);
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      continue;
    }
    const confirmKey = fields.key ?? '';
    services.receiver.authorizeForm(confirmKey, fields['x-opensmh-expires'] ?? '', fields['x-opensmh-signature'] ?? '');
    const etag = await services.receiver.receiveWhole(confirmKey, 'form', part.file, signal);
    if (part.file.truncated) {
      throw new SmhError('RequestEntityTooLarge');
    }
    return reply.header('ETag', etag).status(204).send();
  }
  throw new SmhError('IncompleteBody', 'The form has no "file" field.');
}
