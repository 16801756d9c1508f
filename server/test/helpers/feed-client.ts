import assert from 'node:assert/strict';
import { dirUrl } from './entry-client.js';
import { call, type JsonResponse, type Library, q } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** Change-feed (X2) helpers: cursor, delta, and a client that replays the feed by inode. */
export function feedUrl(library: Library, token: string, tail: string, extra: Record<string, string> = {}, space = '-'): string {
  return `/api/v1/fs-delta/${library.libraryId}/${space}/${tail}${q(token, extra)}`;
}

export async function takeCursor(server: TestServer, library: Library, token: string, space = '-'): Promise<string> {
  const response = await call(server, 'GET', feedUrl(library, token, 'cursor', {}, space));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(typeof response.body.cursor, 'string');
  return response.body.cursor;
}

export function delta(server: TestServer, library: Library, token: string, cursor: string, limit?: number, space = '-'): Promise<JsonResponse> {
  const extra: Record<string, string> = { cursor, ...(limit ? { limit: String(limit) } : {}) };
  return call(server, 'GET', feedUrl(library, token, 'delta', extra, space));
}

/** Reads every event after `cursor`, `limit` per page; returns them and the final cursor. */
export async function drain(server: TestServer, library: Library, token: string, cursor: string, limit = 100, space = '-'): Promise<{ events: any[]; cursor: string }> {
  const events: any[] = [];
  for (;;) {
    const page = await delta(server, library, token, cursor, limit, space);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.ok(page.body.contents.length <= limit);
    events.push(...page.body.contents);
    cursor = page.body.cursor;
    if (!page.body.hasMore) {
      return { events, cursor };
    }
    assert.equal(page.body.contents.length, limit, 'a page short of the limit is the last one');
  }
}

interface Node {
  parent: string;
  name: string;
  type: string;
  size?: string;
  eTag?: string;
}

/** The tree as a sync client keeps it: inode → parent inode and name, updated by events alone. */
export class ReplayedTree {
  private readonly nodes = new Map<string, Node>();
  constructor(private readonly rootInode: string) {}

  private removeSubtree(inode: string): void {
    this.nodes.delete(inode);
    for (const [child, node] of [...this.nodes]) {
      if (node.parent === inode) {
        this.removeSubtree(child);
      }
    }
  }

  apply(event: any): void {
    const type: string = event.eventType;
    if (event.location !== 0) {
      return; // recycle bin and history events do not touch the live tree
    }
    if (type.endsWith('_OVERWRITE') && event.extraInfo.overwrittenInode !== event.inode) {
      this.removeSubtree(event.extraInfo.overwrittenInode);
    }
    if (type === 'FILE.DELETE') {
      this.removeSubtree(event.inode);
      return;
    }
    assert.ok(/^(FILE\.(CREATE|COPY|MOVE|RESTORE|MODIFY)(_OVERWRITE)?|HISTORY\.LATEST)$/.test(type), `unexpected live event ${type}`);
    assert.ok(event.parentInode === this.rootInode || this.nodes.has(event.parentInode), `${type} ${event.name}: unknown parent`);
    this.nodes.set(event.inode, { parent: event.parentInode, name: event.name, type: event.type, size: event.size, eTag: event.eTag });
  }

  applyTrash(event: any): void {
    if (event.eventType === 'FILE.TRASH') {
      this.removeSubtree(event.inode);
    }
  }

  /** `path|type|inode[|size|eTag]` lines, sorted. */
  lines(): string[] {
    const pathOf = (inode: string): string => {
      if (inode === this.rootInode) {
        return '';
      }
      const node = this.nodes.get(inode);
      assert.ok(node, `dangling inode ${inode}`);
      const parent = pathOf(node.parent);
      return parent === '' ? node.name : `${parent}/${node.name}`;
    };
    return [...this.nodes].map(([inode, node]) => line(pathOf(inode), node.type, inode, node.size, node.eTag)).sort();
  }
}

function line(path: string, type: string, inode: string, size?: string, eTag?: string): string {
  return type === 'dir' ? `${path}|dir|${inode}` : `${path}|${type}|${inode}|${size}|${eTag}`;
}

/** Replays events (TRASH is a live-tree removal too). */
export function replay(tree: ReplayedTree, events: readonly any[]): void {
  for (const event of events) {
    if (event.eventType === 'FILE.TRASH') {
      tree.applyTrash(event);
    } else {
      tree.apply(event);
    }
  }
}

/** The live tree as the listing shows it, in the same line format. */
export async function listedLines(server: TestServer, library: Library, token: string, space = '-'): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string) => {
    const listing = await call(server, 'GET', dirUrl(library, path, token, { limit: '1000', with_inode: '1' }, space));
    assert.equal(listing.status, 200, JSON.stringify(listing.body));
    for (const item of listing.body.contents) {
      const full = path === '' ? item.name : `${path}/${item.name}`;
      out.push(line(full, item.type, item.inode, item.size, item.eTag));
      if (item.type === 'dir') {
        await walk(full);
      }
    }
  };
  await walk('');
  return out.sort();
}

export async function rootInode(server: TestServer, library: Library, token: string, space = '-'): Promise<string> {
  const info = await call(server, 'GET', dirUrl(library, '', token, { info: '', with_inode: '1' }, space));
  assert.equal(info.status, 200, JSON.stringify(info.body));
  assert.equal(typeof info.body.inode, 'string');
  return info.body.inode;
}
