/** Messages between hash-pool.ts (main thread) and hash-worker.ts. */
export type HashAlgorithm = 'md5' | 'crc64' | 'quick';

export interface HashResult {
  md5?: string;
  crc64?: string;
  beginningHash?: string;
  fullHash?: string;
}

export type ToWorker =
  | { type: 'open'; id: number; algorithms: readonly HashAlgorithm[] }
  | { type: 'data'; id: number; slot: number; buffer: SharedArrayBuffer; offset: number; length: number }
  | { type: 'close'; id: number }
  | { type: 'drop'; id: number };

export type ToMain =
  | { type: 'done'; id: number; slot: number }
  | { type: 'digest'; id: number; result: HashResult }
  | { type: 'error'; id: number; message: string };
