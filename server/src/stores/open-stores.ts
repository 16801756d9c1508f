import { join } from 'node:path';
import type { Config } from '../config/load.js';
import type { BlobStore } from './blob/blob-store.js';
import { LocalBlobStore } from './blob/local-blob-store.js';
import { S3BlobStore } from './blob/s3-blob-store.js';
import type { MetaStore } from './meta/meta-store.js';
import { openPostgresMetaStore } from './meta/postgres/open-postgres.js';
import { openSqliteMetaStore } from './meta/sqlite/open-sqlite.js';

export interface Stores {
  readonly meta: MetaStore;
  readonly blob: BlobStore;
}

/** SQLite (embedded default) or PostgreSQL metadata; blobs on local disk (default) or in S3. */
export async function openStores(config: Config): Promise<Stores> {
  const meta =
    config.meta.kind === 'postgres'
      ? await openPostgresMetaStore(config.meta.url, config.meta.schema ?? undefined)
      : await openSqliteMetaStore(join(config.dataDir, 'meta.sqlite'));
  const blob =
    config.blob.kind === 's3'
      ? await S3BlobStore.open({ ...config.blob, publicEndpoint: config.blob.publicEndpoint ?? undefined })
      : await LocalBlobStore.open(join(config.dataDir, 'blobs'));
  return { meta, blob };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.blob.close();
  await stores.meta.close();
}
