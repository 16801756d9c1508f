import { Worker } from 'node:worker_threads';
import type { HashAlgorithm, HashResult, ToMain, ToWorker } from './hash-protocol.js';

/**
 * Two hashing threads shared by every large upload: one computes MD5, the other CRC-64 and
 * SMH's chained SHA-256, so the three hashes run in parallel with each other and with the event
 * loop (which only copies each chunk once into shared memory). Started on the first large upload
 * and stopped after IDLE_MS without one, so an idle server carries no extra threads.
 */
const LANES: readonly (readonly HashAlgorithm[])[] = [['md5'], ['crc64', 'quick']];
const SLOT_BYTES = 512 * 1024;
/** slots per upload: SLOTS × SLOT_BYTES (2 MiB) can be in flight to the hashers */
const SLOTS = 4;
/** rings of slots kept for the next uploads instead of being left to the GC */
const SPARE_RINGS = 8;
const spareRings: SharedArrayBuffer[][] = [];
const IDLE_MS = 10_000;

interface Session {
  onDone(slot: number): void;
  onDigest(result: HashResult): void;
  onError(error: Error): void;
}

class HashPool {
  private workers: Worker[] | null = null;
  private readonly sessions = new Map<number, Session>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  private start(): Worker[] {
    // tsx (dev, tests) runs the .ts source and workers inherit its --import; dist/ holds .js.
    const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./hash-worker${extension}`, import.meta.url);
    // Node 20 resolves a worker's entry before any --import hook runs, so under tsx a tiny
    // bootstrap registers tsx in the worker first and then imports the TypeScript source.
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
    const workers = LANES.map(() => {
      const worker = extension === '.ts' ? new Worker(bootstrap, { eval: true }) : new Worker(url);
      worker.on('message', (message: ToMain) => this.dispatch(message));
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', () => {
        if (this.workers?.includes(worker)) {
          this.workers = null;
          this.failAll(new Error('a hashing thread exited'));
        }
      });
      // Unref last (adding a listener refs the port again); open() refs while sessions run.
      worker.unref();
      return worker;
    });
    this.workers = workers;
    return workers;
  }

  private dispatch(message: ToMain): void {
    const session = this.sessions.get(message.id);
    if (!session) {
      return;
    }
    if (message.type === 'done') {
      session.onDone(message.slot);
    } else if (message.type === 'digest') {
      session.onDigest(message.result);
    } else {
      session.onError(new Error(`hashing failed: ${message.message}`));
    }
  }

  private failAll(error: Error): void {
    for (const session of [...this.sessions.values()]) {
      session.onError(error);
    }
  }

  open(session: Session): { id: number; post: (message: ToWorker) => void; lanes: number } {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const workers = this.workers ?? this.start();
    // Referenced while hashing (a caller awaits the result), unreferenced when idle so the threads
    // never keep a finished process alive.
    workers.forEach((worker) => worker.ref());
    const id = this.nextId++;
    this.sessions.set(id, session);
    workers.forEach((worker, lane) => worker.postMessage({ type: 'open', id, algorithms: LANES[lane] ?? [] } satisfies ToWorker));
    return { id, lanes: workers.length, post: (message) => workers.forEach((worker) => worker.postMessage(message)) };
  }

  close(id: number): void {
    this.sessions.delete(id);
    if (this.sessions.size === 0) {
      this.workers?.forEach((worker) => worker.unref());
    }
    if (this.sessions.size === 0 && this.workers && !this.idleTimer) {
      this.idleTimer = setTimeout(() => {
        const workers = this.workers;
        this.workers = null;
        this.idleTimer = null;
        for (const worker of workers ?? []) {
          void worker.terminate();
        }
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }
}

const pool = new HashPool();

/**
 * One stream's hashes computed on the pool: `write` copies bytes into a ring of shared slots and
 * returns a promise only when every slot is still being hashed (backpressure); `finish` resolves
 * with MD5, CRC-64 and the SHA-256 chain once the threads have seen every byte.
 */
export class ParallelHash {
  private readonly buffers = spareRings.pop() ?? Array.from({ length: SLOTS }, () => new SharedArrayBuffer(SLOT_BYTES));
  private readonly pending = new Array<number>(SLOTS).fill(0);
  private readonly handle: ReturnType<HashPool['open']>;
  private slot = 0;
  private fill = 0;
  private waiter: { slot: number; resolve: () => void } | null = null;
  private failure: Error | null = null;
  private digests: HashResult[] = [];
  private finished: { resolve: (result: HashResult) => void; reject: (error: Error) => void } | null = null;
  private closed = false;

  constructor() {
    this.handle = pool.open({
      onDone: (slot) => {
        this.pending[slot] = (this.pending[slot] ?? 1) - 1;
        if (this.waiter && this.waiter.slot === slot && this.pending[slot] === 0) {
          const { resolve } = this.waiter;
          this.waiter = null;
          resolve();
        }
      },
      onDigest: (result) => {
        this.digests.push(result);
        if (this.digests.length === this.handle.lanes && this.finished) {
          this.release();
          this.finished.resolve(Object.assign({}, ...this.digests) as HashResult);
        }
      },
      onError: (error) => this.fail(error),
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.release();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve();
    this.finished?.reject(error);
  }

  private release(): void {
    if (!this.closed) {
      this.closed = true;
      pool.close(this.handle.id);
      // Reusable only when no thread can still be reading a slot (a failed stream's may be).
      if (this.pending.every((count) => count === 0) && spareRings.length < SPARE_RINGS) {
        spareRings.push(this.buffers);
      }
    }
  }

  private dispatch(): void {
    if (this.fill === 0) {
      return;
    }
    this.pending[this.slot] = this.handle.lanes;
    const buffer = this.buffers[this.slot] as SharedArrayBuffer;
    this.handle.post({ type: 'data', id: this.handle.id, slot: this.slot, buffer, offset: 0, length: this.fill });
    this.slot = (this.slot + 1) % SLOTS;
    this.fill = 0;
  }

  /** Copies `chunk` in; resolves at once unless the hashers are SLOTS MiB behind. */
  async write(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.failure) {
        throw this.failure;
      }
      if (this.fill === 0 && (this.pending[this.slot] ?? 0) > 0) {
        await new Promise<void>((resolve) => {
          this.waiter = { slot: this.slot, resolve };
        });
        continue;
      }
      const take = Math.min(SLOT_BYTES - this.fill, chunk.length - offset);
      new Uint8Array(this.buffers[this.slot] as SharedArrayBuffer, this.fill, take).set(chunk.subarray(offset, offset + take));
      this.fill += take;
      offset += take;
      if (this.fill === SLOT_BYTES) {
        this.dispatch();
      }
    }
  }

  finish(): Promise<HashResult> {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    this.dispatch();
    return new Promise((resolve, reject) => {
      this.finished = { resolve, reject };
      this.handle.post({ type: 'close', id: this.handle.id });
    });
  }

  /** Abandons the hashes (the upload failed); the threads drop their state. */
  abort(): void {
    if (!this.closed) {
      this.handle.post({ type: 'drop', id: this.handle.id });
      this.release();
    }
  }
}
