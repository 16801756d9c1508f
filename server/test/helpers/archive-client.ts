import assert from 'node:assert/strict';
import { waitForTask } from './batch-client.js';
import { dirUrl, fileUrl } from './entry-client.js';
import { call, type JsonResponse, type Library } from './smh-client.js';
import type { TestServer } from './start-server.js';

/** POST …?uncompress; returns the raw response. */
export function uncompress(server: TestServer, library: Library, token: string, path: string, body: Record<string, unknown>, extra: Record<string, string> = {}, space = '-'): Promise<JsonResponse> {
  return call(server, 'POST', fileUrl(library, path, token, { uncompress: '', ...extra }, space), { body });
}

/** Uncompress that must be accepted; waits for the task and returns it. */
export async function uncompressTask(server: TestServer, library: Library, token: string, path: string, body: Record<string, unknown>, extra: Record<string, string> = {}, space = '-') {
  const started = await uncompress(server, library, token, path, body, extra, space);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  return waitForTask(server, library, token, started.body.taskId, space);
}

/** Every path below `path` (depth first), as `dir/` or `file:size`. */
export async function treeOf(server: TestServer, library: Library, token: string, path = '', space = '-'): Promise<string[]> {
  const listed = await call(server, 'GET', dirUrl(library, path, token, { limit: '1000' }, space));
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  const out: string[] = [];
  for (const item of listed.body.contents as { name: string; type: string; size?: string }[]) {
    const child = path === '' ? item.name : `${path}/${item.name}`;
    if (item.type === 'dir') {
      out.push(`${child}/`, ...(await treeOf(server, library, token, child, space)));
    } else {
      out.push(`${child}:${item.size}`);
    }
  }
  return out;
}
