import type { Config } from '../config/load.js';
import type { Signer } from '../lib/signing.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import type { MetaStore } from '../stores/meta/meta-store.js';

export interface Clock {
  now(): number;
}

export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/** What services are built from; each service takes only the parts it uses. */
export interface ServiceDeps {
  readonly meta: MetaStore;
  readonly blob: BlobStore;
  readonly signer: Signer;
  readonly clock: Clock;
  readonly config: Config;
}
