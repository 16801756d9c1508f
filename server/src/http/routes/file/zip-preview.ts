import { SmhError } from '../../../errors/smh-error.js';
import { toSegments } from '../../../lib/smh-path.js';
import type { ArchiveItem } from '../../../services/archive/archive-types.js';
import type { Services } from '../../services.js';
import type { SpaceRequest } from '../params.js';

interface Node {
  name: string;
  path: string[];
  type: 'dir' | 'file';
  size: string;
  modificationTime?: string;
  children?: Node[];
}

function node(item: ArchiveItem): Node {
  const out: Node = { name: item.path.slice(item.path.lastIndexOf('/') + 1), path: toSegments(item.path), type: item.isDir ? 'dir' : 'file', size: String(item.size) };
  if (item.modifiedAt !== null) {
    out.modificationTime = new Date(item.modifiedAt).toISOString();
  }
  return out;
}

/** Nests the listed entries; directories only implied by a file's path get a node of their own. */
function tree(items: readonly ArchiveItem[]): Node[] {
  const roots: Node[] = [];
  const dirs = new Map<string, Node>();
  const dirNode = (path: string): Node[] => {
    if (path === '') {
      return roots;
    }
    let found = dirs.get(path);
    if (!found) {
      found = { name: path.slice(path.lastIndexOf('/') + 1), path: toSegments(path), type: 'dir', size: '0', children: [] };
      dirs.set(path, found);
      dirNode(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '').push(found);
    }
    return (found.children ??= []);
  };
  for (const item of items) {
    const parent = item.path.includes('/') ? item.path.slice(0, item.path.lastIndexOf('/')) : '';
    if (item.isDir) {
      const existing = dirs.get(item.path);
      if (existing) {
        Object.assign(existing, { ...node(item), children: existing.children });
        continue;
      }
      const made = { ...node(item), children: [] };
      dirs.set(item.path, made);
      dirNode(parent).push(made);
    } else {
      dirNode(parent).push(node(item));
    }
  }
  return roots;
}

/**
 * GET …/{Path}?zip-preview&format=flat|tree — what is inside a zip, tar or tar.gz (files.md §8.9):
 * `{fileNumber, isTruncated, contents}`, at most 1000 entries listed. Read from the archive's
 * headers (a zip's central directory); nothing is inflated.
 */
export async function zipPreview(services: Services, input: SpaceRequest): Promise<unknown> {
  const format = input.query.format ?? 'flat';
  if (format !== 'flat' && format !== 'tree' && format !== '') {
    throw new SmhError('ParamInvalid', 'format must be flat or tree.');
  }
  const preview = await services.fileOps.archives.preview(input.actor, input.spaceId, input.path);
  const contents = format === 'tree' ? tree(preview.items) : preview.items.map(node);
  return input.reply.send({ fileNumber: preview.fileNumber, isTruncated: preview.isTruncated, contents });
}
