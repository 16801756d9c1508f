import { join } from 'node:path';
import type { Config } from '../config/load.js';
import type { BlobStore } from './blob/blob-store.js';
import { LocalBlobStore } from './blob/local-blob-store.js';
import type { MetaStore } from './meta/meta-store.js';
import { openSqliteMetaStore } from './meta/sqlite/open-sqlite.js';

export interface Stores {
  readonly meta: MetaStore;
  readonly blob: BlobStore;
}

/** The embedded default: SQLite metadata and blobs on local disk, both under the data folder. */
export async function openStores(config: Config): Promise<Stores> {
  const meta = await openSqliteMetaStore(join(config.dataDir, 'meta.sqlite'));
  const blob = await LocalBlobStore.open(join(config.dataDir, 'blobs'));
  return { meta, blob };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.blob.close();
  await stores.meta.close();
}
