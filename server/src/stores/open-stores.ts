import { join } from 'node:path';
import type { Config } from '../config/load.js';
import type { BlobStore } from './blob/blob-store.js';
import type { Coordinator } from './coord/coordinator.js';
import type { MetaStore } from './meta/meta-store.js';

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
  // Each implementation is imported only when configured: the embedded setup never loads the AWS
  // SDK, pg or ioredis (tens of MB of resident memory), and a scale-out node never loads SQLite.
  const meta =
    config.meta.kind === 'postgres'
      ? await (await import('./meta/postgres/open-postgres.js')).openPostgresMetaStore(config.meta.url, config.meta.schema ?? undefined)
      : await (await import('./meta/sqlite/open-sqlite.js')).openSqliteMetaStore(join(config.dataDir, 'meta.sqlite'));
  const blob =
    config.blob.kind === 's3'
      ? await (await import('./blob/s3-blob-store.js')).S3BlobStore.open({ ...config.blob, publicEndpoint: config.blob.publicEndpoint ?? undefined })
      : await (await import('./blob/local-blob-store.js')).LocalBlobStore.open(join(config.dataDir, 'blobs'));
  const coord = config.redisUrl
    ? await (await import('./coord/redis-coordinator.js')).RedisCoordinator.open(config.redisUrl)
    : new (await import('./coord/memory-coordinator.js')).MemoryCoordinator();
  return { meta, blob, coord };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.coord.close();
  await stores.blob.close();
  await stores.meta.close();
}
