import { SmhError } from '../../../errors/smh-error.js';
import { toSegments } from '../../../lib/smh-path.js';
import { parseVirtualSize } from '../../../services/virtual-file.service.js';
import { iso } from '../../presenters/entry.js';
import {
  boolParam,
  bodyObject,
  metaObject,
  optionalCategory,
  optionalLabels,
  optionalString,
  strategyParam,
} from '../../request-input.js';
import type { Services } from '../../services.js';
import { defaultStrategy } from '../default-strategy.js';
import type { SpaceRequest } from '../params.js';
import { sendTaskAccepted } from '../task-accepted.js';
import { permanentParam, replyDeleted } from '../recycled/deleted-reply.js';

const DIRECTORY_STRATEGIES = ['ask', 'rename'] as const;

/** Directory endpoints know only ask (SMH's default) and rename (dirs.md §2.6). */
function directoryStrategy(input: SpaceRequest) {
  return strategyParam(input.query, defaultStrategy(input.actor, 'ask', DIRECTORY_STRATEGIES), DIRECTORY_STRATEGIES);
}

/** PUT without a body — create a directory or album, mkdir -p style (D1). */
export async function createDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const strategy = directoryStrategy(input);
  const meta = metaObject(body.metaData, false) as Record<string, string> | undefined;
  // The JS SDK's optional attributes, echoed back only when supplied (dirs.md §5 D1).
  const attributes = {
    labels: optionalLabels(body),
    localCreationTime: optionalString(body, 'localCreationTime', 64),
    localModificationTime: optionalString(body, 'localModificationTime', 64),
  };
  const entry = await services.directories.create(input.actor, input.spaceId, input.path, strategy, { meta, ...attributes });
  const withInode = boolParam(input.query, 'with_inode');
  const echoed = Object.fromEntries(Object.entries({ metaData: meta, ...attributes }).filter(([, value]) => value !== undefined));
  if (strategy === 'ask' && !withInode && Object.keys(echoed).length === 0) {
    return input.reply.status(201).send();
  }
  const out: Record<string, unknown> = { path: toSegments(entry.path), creationTime: iso(entry.createdAt), ...echoed };
  if (withInode) {
    out.inode = entry.id;
  }
  return input.reply.status(201).send(out);
}

/** PUT with `{from}` — rename or move a directory (D6): 204 under ask, 200 + path under rename. */
export async function moveDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  const strategy = directoryStrategy(input);
  const path = await services.directories.move(input.actor, input.spaceId, input.path, bodyObject(input.request).from, strategy);
  return strategy === 'ask' ? input.reply.status(204).send() : input.reply.send({ path: toSegments(path) });
}

/** PUT with `{copyFrom}` — copy a directory tree (D7); a large tree answers 202 {taskId}. */
export async function copyDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  const strategy = directoryStrategy(input);
  const done = await services.batch.copyDirectory(input.actor, input.spaceId, input.path, bodyObject(input.request).copyFrom, strategy);
  if ('taskId' in done) {
    return sendTaskAccepted(input.reply, done.taskId);
  }
  return strategy === 'ask' ? input.reply.status(204).send() : input.reply.send({ path: toSegments(done.path) });
}

/** DELETE — a directory with its subtree (D9): 200 {recycledItemId} into the bin, else 204. */
export async function deleteDirectory(services: Services, input: SpaceRequest): Promise<unknown> {
  const itemId = await services.directories.delete(input.actor, input.spaceId, input.path, undefined, { permanent: permanentParam(input) });
  return replyDeleted(input.reply, itemId);
}

/** POST ?update — labels, category, local times and metadata of a file or directory (D10). */
export async function updateEntry(services: Services, input: SpaceRequest): Promise<unknown> {
  const body = bodyObject(input.request);
  const directive = body.metaDataDirective ?? 'merge';
  if (directive !== 'merge' && directive !== 'replace') {
    throw new SmhError('ParamInvalid', 'metaDataDirective must be merge or replace.');
  }
  if (body.size !== undefined) {
    // Only virtual files take a size (files.md §8.8); refused for anything else before any change.
    await services.fileOps.virtualFiles.resize(input.actor, input.spaceId, input.path, parseVirtualSize(body.size));
  }
  await services.directories.update(input.actor, input.spaceId, input.path, {
    labels: optionalLabels(body),
    category: optionalCategory(body),
    localCreationTime: optionalString(body, 'localCreationTime', 64),
    localModificationTime: optionalString(body, 'localModificationTime', 64),
    contentType: optionalString(body, 'contentType', 255),
    meta: metaObject(body.metaData, true),
    replaceMeta: directive === 'replace',
  });
  return input.reply.status(204).send();
}
