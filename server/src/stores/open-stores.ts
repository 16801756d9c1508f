import { join } from 'node:path';
import type { Config } from '../config/load.js';
import type { BlobStore } from './blob/blob-store.js';
import type { Coordinator } from './coord/coordinator.js';
import type { MetaStore } from './meta/meta-store.js';
import { postgresStartError, redisStartError, s3StartError } from './store-check.js';

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
  // Each remote store is checked here; a failure is one StoreStartError line (store-check.ts).
  const metaConfig = config.meta;
  const meta =
    metaConfig.kind === 'postgres'
      ? await (await import('./meta/postgres/open-postgres.js'))
          .openPostgresMetaStore(metaConfig.url, metaConfig.schema ?? undefined)
          .catch((error: unknown) => {
            throw postgresStartError(metaConfig.url, error);
          })
      : await (await import('./meta/sqlite/open-sqlite.js')).openSqliteMetaStore(join(config.dataDir, 'meta.sqlite'), { reserveBytes: config.diskReserveBytes });
  const blobConfig = config.blob;
  const blob =
    blobConfig.kind === 's3'
      ? await (await import('./blob/s3-blob-store.js')).S3BlobStore.open({
          ...blobConfig,
          publicEndpoint: blobConfig.publicEndpoint ?? undefined,
          directPutTtlSeconds: config.limits.uploadTtlSeconds,
        }).catch(async (error: unknown) => {
          await meta.close();
          throw s3StartError(blobConfig, error);
        })
      : await (await import('./blob/local-blob-store.js')).LocalBlobStore.open(join(config.dataDir, 'blobs'));
  const redisUrl = config.redisUrl;
  const coord = redisUrl
    ? await (await import('./coord/redis-coordinator.js')).RedisCoordinator.open(redisUrl).catch(async (error: unknown) => {
        await blob.close();
        await meta.close();
        throw redisStartError(redisUrl, error);
      })
    : new (await import('./coord/memory-coordinator.js')).MemoryCoordinator();
  return { meta, blob, coord };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.coord.close();
  await stores.blob.close();
  await stores.meta.close();
}
