/**
 * Worker thread of hash-pool.ts: keeps hash states for many uploads at once and updates them
 * from slots of shared memory the main thread filled, so hashing runs beside the event loop.
 */
import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { IHasher } from 'hash-wasm';
import { crc64HexToDecimal, newCrc64Hasher } from './crc64.js';
import { QuickHasher } from './quick-hash.js';
import type { HashAlgorithm, HashResult, ToMain, ToWorker } from './hash-protocol.js';

interface State {
  md5?: Hash;
  crc64?: IHasher;
  quick?: QuickHasher;
}

const states = new Map<number, Promise<State>>();
const port = parentPort;
if (!port) {
  throw new Error('hash-worker runs only as a worker thread');
}
const send = (message: ToMain) => port.postMessage(message);

async function open(algorithms: readonly HashAlgorithm[]): Promise<State> {
  return {
    md5: algorithms.includes('md5') ? createHash('md5') : undefined,
    crc64: algorithms.includes('crc64') ? await newCrc64Hasher() : undefined,
    quick: algorithms.includes('quick') ? new QuickHasher() : undefined,
  };
}

/** Only the hashes this lane computed, so the main thread can merge the lanes' results. */
function digest(state: State): HashResult {
  return {
    ...(state.md5 ? { md5: state.md5.digest('hex') } : {}),
    ...(state.crc64 ? { crc64: crc64HexToDecimal(state.crc64.digest('hex')) } : {}),
    ...state.quick?.digest(),
  };
}

// Messages of one upload are handled strictly in order: each waits for the state promise, which
// only the `open` message creates, and the worker's message queue is FIFO.
port.on('message', (message: ToWorker) => {
  if (message.type === 'open') {
    states.set(message.id, open(message.algorithms));
    return;
  }
  const state = states.get(message.id);
  if (!state) {
    return;
  }
  if (message.type === 'drop') {
    states.delete(message.id);
    return;
  }
  if (message.type === 'data') {
    // Synchronous once the state exists, so slots are acknowledged in order.
    void state.then(
      (s) => {
        const view = new Uint8Array(message.buffer, message.offset, message.length);
        s.md5?.update(view);
        s.crc64?.update(view);
        s.quick?.update(Buffer.from(view.buffer, view.byteOffset, view.byteLength));
        send({ type: 'done', id: message.id, slot: message.slot });
      },
      (error: unknown) => send({ type: 'error', id: message.id, message: String(error) }),
    );
    return;
  }
  states.delete(message.id);
  void state.then(
    (s) => send({ type: 'digest', id: message.id, result: digest(s) }),
    (error: unknown) => send({ type: 'error', id: message.id, message: String(error) }),
  );
});
