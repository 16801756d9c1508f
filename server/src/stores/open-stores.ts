import { join } from 'node:path';
import type { Config } from '../config/load.js';
import type { BlobStore } from './blob/blob-store.js';
import { LocalBlobStore } from './blob/local-blob-store.js';
import { S3BlobStore } from './blob/s3-blob-store.js';
import type { Coordinator } from './coord/coordinator.js';
import { MemoryCoordinator } from './coord/memory-coordinator.js';
import { RedisCoordinator } from './coord/redis-coordinator.js';
import type { MetaStore } from './meta/meta-store.js';
import { openPostgresMetaStore } from './meta/postgres/open-postgres.js';
import { openSqliteMetaStore } from './meta/sqlite/open-sqlite.js';

export interface Stores {
  readonly meta: MetaStore;
  readonly blob: BlobStore;
  readonly coord: Coordinator;
}

/**
 * SQLite (embedded default) or PostgreSQL metadata; blobs on local disk (default) or in S3;
 * in-process (default) or Redis coordination.
 */
export async function openStores(config: Config): Promise<Stores> {
  const meta =
    config.meta.kind === 'postgres'
      ? await openPostgresMetaStore(config.meta.url, config.meta.schema ?? undefined)
      : await openSqliteMetaStore(join(config.dataDir, 'meta.sqlite'), { reserveBytes: config.diskReserveBytes });
  const blob =
    config.blob.kind === 's3'
      ? await S3BlobStore.open({ ...config.blob, publicEndpoint: config.blob.publicEndpoint ?? undefined })
      : await LocalBlobStore.open(join(config.dataDir, 'blobs'));
  const coord = config.redisUrl ? await RedisCoordinator.open(config.redisUrl) : new MemoryCoordinator();
  return { meta, blob, coord };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.coord.close();
  await stores.blob.close();
  await stores.meta.close();
}
