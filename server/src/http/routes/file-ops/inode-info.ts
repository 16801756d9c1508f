import { presentListItem } from '../../presenters/entry.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

/** GET /api/v1/inode/{L}/{S}/{Inode} — where an inode is now, with its details (files.md §7.5). */
export async function inodeInfo(services: Services, input: SpaceRequest): Promise<unknown> {
  const entry = await services.fileOps.inodes.lookup(input.actor, input.spaceId, input.path);
  return input.reply.send(presentListItem(entry, true));
}
