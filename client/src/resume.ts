/**
 * What a multipart upload needs to continue after the process died: the server keeps the parts,
 * the client keeps the confirm key and the part size. Node persists it in a folder
 * (`fileResumeStore` in `@opensmh/client/node`); a browser app can use `localStorage`.
 */
export interface ResumeState {
  confirmKey: string;
  partSize: number;
  size: number;
  path: string;
  /** ISO time the upload started */
  startedAt: string;
}

export interface ResumeStore {
  get(key: string): Promise<ResumeState | undefined>;
  set(key: string, state: ResumeState): Promise<void>;
  delete(key: string): Promise<void>;
}

export function memoryResumeStore(): ResumeStore {
  const states = new Map<string, ResumeState>();
  return {
    get: async (key) => states.get(key),
    set: async (key, state) => {
      states.set(key, state);
    },
    delete: async (key) => {
      states.delete(key);
    },
  };
}

/** A store over Web Storage (`localStorage` in a browser), one item per upload. */
export function webStorageResumeStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, prefix = 'opensmh-upload:'): ResumeStore {
  return {
    get: async (key) => {
      const text = storage.getItem(prefix + key);
      return text === null ? undefined : (JSON.parse(text) as ResumeState);
    },
    set: async (key, state) => storage.setItem(prefix + key, JSON.stringify(state)),
    delete: async (key) => storage.removeItem(prefix + key),
  };
}
