import { SmhApiError } from './errors.js';
import { waitForTaskImpl } from './tasks.js';
import { type MintOptions, TokenSource } from './tokens.js';
import { encodePath, type FetchLike, queryString, readJson, type RequestOptions, send } from './transport.js';
import type { ConflictStrategy, Entry, FileInfo, ListPage } from './types.js';

export interface ClientOptions {
  /** server base URL, e.g. `https://smh.example.com` (no trailing slash needed) */
  baseUrl: string;
  libraryId: string;
  /** space id; `-` (the default) for single-space libraries */
  spaceId?: string;
  /** a ready access token … */
  accessToken?: string;
  /** … or the library secret, to mint (and renew) tokens on demand. Never ship it to a browser. */
  librarySecret?: string;
  /** grants, user and lifetime of minted tokens (default grant: admin) */
  tokenOptions?: MintOptions;
  /** `fetch` to use (default: the global one) */
  fetch?: FetchLike;
  /** `http:` or `https:` for upload targets, which SMH gives as a bare domain (default: the base URL's scheme) */
  storageScheme?: string;
}

export interface ListOptions {
  /** page size, 1–1000 (default 100) */
  limit?: number;
  orderBy?: 'name' | 'modificationTime' | 'size' | 'creationTime' | 'localCreationTime' | 'localModificationTime';
  descending?: boolean;
  filter?: 'onlyDir' | 'onlyFile';
  signal?: AbortSignal;
}

/**
 * The business-API core: URLs, tokens, errors, directories and file operations. Uploads,
 * downloads, the recycle bin, versions, search and tasks are in their own modules and mixed into
 * `OpenSmhClient` (index.ts). Browser-safe: fetch, Web Streams and crypto.subtle only.
 */
export class SmhCore {
  readonly baseUrl: string;
  readonly libraryId: string;
  readonly spaceId: string;
  readonly fetch: FetchLike;
  readonly storageScheme: string;
  protected readonly tokens: TokenSource;
  protected readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.libraryId = options.libraryId;
    this.spaceId = options.spaceId ?? '-';
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storageScheme = options.storageScheme ?? new URL(this.baseUrl).protocol;
    this.tokens = new TokenSource(this.fetch, this.baseUrl, this.libraryId, options.accessToken, options.librarySecret, {
      grant: 'admin',
      ...options.tokenOptions,
    });
  }

  /** A valid access token (minted or renewed when needed). */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  /** `/api/v1/{area}/{L}/{S}/{tail}` with the access token; tail is raw (already encoded). */
  async request(method: string, area: string, tail: string, options: RequestOptions = {}): Promise<Response> {
    const token = options.anonymous ? undefined : await this.accessToken();
    const scope = area === '' ? '' : `/${area}/${encodeURIComponent(this.libraryId)}/${encodeURIComponent(this.spaceId)}`;
    const url = `${this.baseUrl}/api/v1${scope}${tail === '' ? '' : `/${tail}`}${queryString({ ...options.query, access_token: token })}`;
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    return send(this.fetch, method, url, { headers, body, signal: options.signal, redirect: 'manual' }, options.accept);
  }

  async requestJson<T>(method: string, area: string, tail: string, options: RequestOptions = {}): Promise<T> {
    return readJson<T>(await this.request(method, area, tail, options));
  }

  /** A storage URL from an upload target's bare `domain` and `path`. */
  storageUrl(domain: string, path: string, query = ''): string {
    const joiner = query === '' ? '' : path.includes('?') ? '&' : '?';
    return `${this.storageScheme}//${domain}${path}${joiner}${query}`;
  }

  // --- directories -------------------------------------------------------------------------

  /** Creates a directory and its missing parents (D1). Existing directories are fine unless `strategy` is given. */
  async mkdir(path: string, options: { strategy?: 'ask' | 'rename'; signal?: AbortSignal } = {}): Promise<string[]> {
    try {
      const response = await this.request('PUT', 'directory', encodePath(path), {
        query: { conflict_resolution_strategy: options.strategy ?? 'ask' },
        signal: options.signal,
      });
      const body = await readJson<{ path?: string[] } | undefined>(response);
      return body?.path ?? splitPath(path);
    } catch (error) {
      if (options.strategy === undefined && error instanceof SmhApiError && error.code === 'SameNameDirectoryOrFileExists') {
        const existing = await this.stat(path);
        if (existing?.type === 'dir') {
          return splitPath(path);
        }
      }
      throw error;
    }
  }

  /** One page of a directory (D2). */
  listPage(path: string, marker?: string | number, options: ListOptions = {}): Promise<ListPage> {
    return this.requestJson<ListPage>('GET', 'directory', encodePath(path), {
      query: {
        marker,
        limit: options.limit ?? 100,
        order_by: options.orderBy,
        order_by_type: options.descending === undefined ? undefined : options.descending ? 'desc' : 'asc',
        filter: options.filter,
      },
      signal: options.signal,
    });
  }

  /** Every entry of a directory, following `nextMarker` page by page as the caller iterates. */
  async *list(path: string, options: ListOptions = {}): AsyncGenerator<Entry, void, undefined> {
    let marker: string | number | undefined;
    do {
      const page = await this.listPage(path, marker, options);
      yield* page.contents;
      marker = page.nextMarker === '' ? undefined : page.nextMarker;
    } while (marker !== undefined);
  }

  /**
   * Every entry below `path`, depth first, with its path relative to `path` (`a/b.txt`). Directories
   * come before their contents.
   */
  async *walk(path: string, options: ListOptions = {}): AsyncGenerator<{ relative: string; entry: Entry }, void, undefined> {
    const pending: string[] = [''];
    while (pending.length > 0) {
      const relative = pending.shift() as string;
      for await (const entry of this.list(joinPath(path, relative), options)) {
        const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
        yield { relative: childRelative, entry };
        if (entry.type === 'dir') {
          pending.push(childRelative);
        }
      }
    }
  }

  /** Details of a file or directory (D4), or null when nothing is there. */
  async stat(path: string, options: { signal?: AbortSignal } = {}): Promise<Entry | null> {
    if (splitPath(path).length === 0) {
      return { name: '', type: 'dir', path: [], creationTime: '', modificationTime: '' };
    }
    try {
      return await this.requestJson<Entry>('GET', 'directory', encodePath(path), { query: { info: true }, signal: options.signal });
    } catch (error) {
      if (error instanceof SmhApiError && error.status === 404) {
        return null;
      }
      throw error;
    }
  }

  /** File details plus a signed download URL (files.md §7.3). */
  fileInfo(path: string, options: { historyId?: number | string; signal?: AbortSignal } = {}): Promise<FileInfo> {
    return this.requestJson<FileInfo>('GET', 'file', encodePath(path), {
      query: { info: true, history_id: options.historyId },
      signal: options.signal,
    });
  }

  /** Moves or renames a file or directory; returns the final path. */
  async move(from: string, to: string, options: { strategy?: ConflictStrategy; signal?: AbortSignal } = {}): Promise<string[]> {
    const area = await this.areaOf(from, options.signal);
    const response = await this.request('PUT', area, encodePath(to), {
      query: { conflict_resolution_strategy: options.strategy ?? (area === 'file' ? 'rename' : 'ask') },
      json: { from: splitPath(from).join('/') },
      signal: options.signal,
    });
    return (await readJson<{ path?: string[] } | undefined>(response))?.path ?? splitPath(to);
  }

  /**
   * Copies a file or directory; returns the final path. A big directory copy runs as a task,
   * which this waits for.
   */
  async copy(from: string, to: string, options: { strategy?: ConflictStrategy; signal?: AbortSignal } = {}): Promise<string[]> {
    const area = await this.areaOf(from, options.signal);
    const response = await this.request('PUT', area, encodePath(to), {
      query: { conflict_resolution_strategy: options.strategy ?? (area === 'file' ? 'rename' : 'ask') },
      json: { copyFrom: splitPath(from).join('/') },
      signal: options.signal,
    });
    const body = await readJson<{ path?: string[]; taskId?: number } | undefined>(response);
    if (response.status === 202 && body?.taskId !== undefined) {
      const task = await this.waitForTask(body.taskId, { signal: options.signal });
      return (task.result as { path?: string[] } | undefined)?.path ?? splitPath(to);
    }
    return body?.path ?? splitPath(to);
  }

  /** Deletes a file or directory: into the recycle bin when the library has one (returns its id), else for good. */
  async delete(path: string, options: { permanent?: boolean; signal?: AbortSignal } = {}): Promise<{ recycledItemId?: number }> {
    const area = await this.areaOf(path, options.signal);
    const response = await this.request('DELETE', area, encodePath(path), {
      query: { permanent: options.permanent ? 1 : undefined },
      signal: options.signal,
    });
    return (await readJson<{ recycledItemId?: number } | undefined>(response)) ?? {};
  }

  /** Polls a task (T1) until it is no longer running; rejects with TaskFailedError on failure. */
  waitForTask(taskId: number, options: { signal?: AbortSignal; intervalMs?: number } = {}): Promise<{ taskId: number; status: number; result?: unknown }> {
    return waitForTaskImpl(this, taskId, options);
  }

  private async areaOf(path: string, signal?: AbortSignal): Promise<'file' | 'directory'> {
    const entry = await this.stat(path, { signal });
    if (!entry) {
      throw new SmhApiError(404, 'FileNotFound', `nothing at ${path}`, undefined, 'stat');
    }
    return entry.type === 'dir' ? 'directory' : 'file';
  }
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.');
}

export function joinPath(...parts: string[]): string {
  return parts.flatMap(splitPath).join('/');
}
