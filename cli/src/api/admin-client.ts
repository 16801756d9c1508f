import { requestJson } from './http.js';

/** SMH's Library as the control plane returns it (server/src/http/presenters/library.ts). */
export interface Library {
  LibraryId: string;
  Name: string;
  Remark: string;
  CreationTime: string;
  LibraryExtension: Record<string, unknown>;
  /** only on GET /admin/v1/library/{id} */
  Size?: string;
  FileNum?: string;
  DirNum?: string;
}

export interface LibraryInput {
  Name?: string;
  Remark?: string;
  LibraryExtension?: Record<string, unknown>;
}

export interface LibraryPage {
  List: Library[];
  TotalCount: number;
}

export interface LibrarySecret {
  LibraryId: string;
  LibrarySecret: string;
}

/** The control-plane REST API under /admin/v1, authorised by the admin key. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  private call<T>(method: string, path: string, options: { query?: Record<string, string | undefined>; body?: unknown } = {}) {
    return requestJson<T>(this.baseUrl, `/admin/v1${path}`, { ...options, method, adminKey: this.adminKey });
  }

  createLibrary(input: LibraryInput): Promise<Library & { LibrarySecret: string }> {
    return this.call('POST', '/library', { body: input });
  }

  listLibraries(page?: string, pageSize?: string): Promise<LibraryPage> {
    return this.call('GET', '/library', { query: { PageNumber: page, PageSize: pageSize } });
  }

  getLibrary(id: string): Promise<Library> {
    return this.call('GET', `/library/${encodeURIComponent(id)}`);
  }

  modifyLibrary(id: string, input: LibraryInput): Promise<Library> {
    return this.call('PUT', `/library/${encodeURIComponent(id)}`, { body: input });
  }

  async deleteLibrary(id: string, force: boolean): Promise<void> {
    await this.call('DELETE', `/library/${encodeURIComponent(id)}`, { query: { force: force ? '1' : undefined } });
  }

  getSecret(id: string): Promise<LibrarySecret> {
    return this.call('GET', `/library/${encodeURIComponent(id)}/secret`);
  }

  rotateSecret(id: string): Promise<LibrarySecret> {
    return this.call('POST', `/library/${encodeURIComponent(id)}/secret`);
  }
}
