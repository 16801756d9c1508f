import { join } from 'node:path';
import type { Config } from '../config/load.js';
import type { BlobStore } from './blob/blob-store.js';
import { LocalBlobStore } from './blob/local-blob-store.js';
import { S3BlobStore } from './blob/s3-blob-store.js';
import type { Coordinator } from './coord/coordinator.js';
import { MemoryCoordinator } from './coord/memory-coordinator.js';
import { RedisCoordinator } from './coord/redis-coordinator.js';
import type { MetaStore } from './meta/meta-store.js';
import { postgresStartError, redisStartError, s3StartError } from './store-check.js';
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
  // Each remote store is checked here; a failure is one StoreStartError line (store-check.ts).
  const metaConfig = config.meta;
  const meta =
    metaConfig.kind === 'postgres'
      ? await openPostgresMetaStore(metaConfig.url, metaConfig.schema ?? undefined).catch((error: unknown) => {
          throw postgresStartError(metaConfig.url, error);
        })
      : await openSqliteMetaStore(join(config.dataDir, 'meta.sqlite'), { reserveBytes: config.diskReserveBytes });
  const blobConfig = config.blob;
  const blob =
    blobConfig.kind === 's3'
      ? await S3BlobStore.open({
          ...blobConfig,
          publicEndpoint: blobConfig.publicEndpoint ?? undefined,
          directPutTtlSeconds: config.limits.uploadTtlSeconds,
        }).catch(async (error: unknown) => {
          await meta.close();
          throw s3StartError(blobConfig, error);
        })
      : await LocalBlobStore.open(join(config.dataDir, 'blobs'));
  const redisUrl = config.redisUrl;
  const coord = redisUrl
    ? await RedisCoordinator.open(redisUrl).catch(async (error: unknown) => {
        await blob.close();
        await meta.close();
        throw redisStartError(redisUrl, error);
      })
    : new MemoryCoordinator();
  return { meta, blob, coord };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.coord.close();
  await stores.blob.close();
  await stores.meta.close();
}
