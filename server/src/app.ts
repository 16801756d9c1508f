import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config/load.js';
import { newHexId } from './lib/ids.js';
import { redactUrl } from './lib/redact.js';
import { Signer } from './lib/signing.js';
import { expireUploads } from './jobs/expire-uploads.js';
import { expireVersions } from './jobs/expire-versions.js';
import { purgeRecycleBins } from './jobs/purge-recycle-bins.js';
import { jobHandlers } from './jobs/index.js';
import type { JobHandler } from './jobs/job.js';
import { startScheduler } from './jobs/scheduler.js';
import { OrphanBlobSweep } from './jobs/sweep-orphan-blobs.js';
import { startWorker, type Worker } from './jobs/worker.js';
import { registerJsonBodies } from './http/plugins/body-parsers.js';
import { registerCors } from './http/plugins/cors.js';
import { connectionServerOptions, guardConnections } from './http/plugins/connection-guard.js';
import { registerOperations } from './http/plugins/metrics.js';
import { Operations } from './ops/operations.js';
import { registerErrorHandling, renderFrameworkError } from './http/plugins/error-handler.js';
import { registerAlbumRoutes } from './http/routes/album/index.js';
import { registerBatchRoutes } from './http/routes/batch/index.js';
import { registerCrossSpaceRoutes } from './http/routes/cross-space/index.js';
import { registerDirectoryRoutes } from './http/routes/directory/index.js';
import { registerFavoriteRoutes } from './http/routes/favorite/index.js';
import { registerFsDeltaRoutes } from './http/routes/fs-delta/index.js';
import { registerHlsRoutes } from './http/routes/hls/index.js';
import { registerFileOpsRoutes } from './http/routes/file-ops/index.js';
import { registerFileRoutes } from './http/routes/file/index.js';
import { registerLibraryRoutes } from './http/routes/library/index.js';
import { registerQuotaRoutes } from './http/routes/quota/index.js';
import { registerRecentRoutes } from './http/routes/recent/index.js';
import { registerRecycledRoutes } from './http/routes/recycled/index.js';
import { registerSearchRoutes } from './http/routes/search/index.js';
import { registerShareRoutes } from './http/routes/share/index.js';
import { registerSpaceRoutes } from './http/routes/space/index.js';
import { registerStorageRoutes } from './http/routes/storage/index.js';
import { registerTaskRoutes } from './http/routes/task/index.js';
import { registerTokenRoutes } from './http/routes/token/index.js';
import { registerUsageRoutes } from './http/routes/usage/index.js';
import { registerVersionRoutes } from './http/routes/version/index.js';
import type { Services } from './http/services.js';
import { AlbumCoverService } from './services/album-cover.service.js';
import { BatchService } from './services/batch.service.js';
import { type Clock, SYSTEM_CLOCK } from './services/deps.js';
import { DirectoryService } from './services/directory.service.js';
import { DownloadService } from './services/download.service.js';
import { FavoriteService } from './services/favorite.service.js';
import { FeedService } from './services/feed.service.js';
import { buildFileOpsServices } from './services/file-ops.js';
import { FileService } from './services/file.service.js';
import { FreeSpaceGuard } from './services/free-space.js';
import { HistoryConfigService } from './services/history-config.service.js';
import { InstantUploadService } from './services/instant-upload.service.js';
import { LibraryService } from './services/library.service.js';
import { MediaInfoService } from './services/media-info.service.js';
import { MediaPrepareService } from './services/media-prepare.service.js';
import { RenditionService } from './services/rendition.service.js';
import { setActiveTools } from './media/active-tools.js';
import { describeTools, discoverTools } from './media/tools.js';
import { configureImageLibrary } from './media/image-render.js';
import { QuotaService } from './services/quota.service.js';
import { RecentService } from './services/recent.service.js';
import { RecycleBinService } from './services/recycle-bin.service.js';
import { SearchService } from './services/search.service.js';
import { ShareAccessService } from './services/share-access.service.js';
import { ShareTokens } from './services/share-token.js';
import { ShareService } from './services/share.service.js';
import { SpaceService } from './services/space.service.js';
import { TaskService } from './services/task.service.js';
import { UsageService } from './services/usage.service.js';
import { VersionService } from './services/version.service.js';
import { TokenCache } from './services/token-cache.js';
import { TokenService } from './services/token.service.js';
import { UploadReceiver } from './services/upload-receiver.service.js';
import type { UploadHooks } from './services/upload-hooks.js';
import { UploadService } from './services/upload.service.js';
import { STORAGE_PREFIX } from './services/upload-target.js';
import type { Stores } from './stores/open-stores.js';

export interface AppOptions {
  /** extra job kinds (tests register probes here); the built-in ones always run */
  jobs?: readonly JobHandler[];
  clock?: Clock;
  /** the control-plane key; main.ts resolves it (env, stored, or generated) */
  adminKey: string;
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** test barriers in the upload flow (services/upload-hooks.ts) */
  uploadHooks?: UploadHooks;
}

const SWEEP_INTERVAL_MS = 60_000;
/** SMH keeps finished tasks queryable for 30 days. */
const TASK_RETENTION_MS = 30 * 24 * 3600 * 1000;

declare module 'fastify' {
  interface FastifyInstance {
    worker: Worker;
  }
}

/** Composition root: stores → services → Fastify routes. */
export async function buildApp(config: Config, stores: Stores, options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const { meta } = stores;
  // Operations wraps the blob store to count its failures for /metrics.
  const ops = new Operations(stores);
  const blob = ops.blob;
  const signer = new Signer(await meta.settings.getOrCreate('signing_key', newHexId() + newHexId()));
  const spaces = new SpaceService({ meta, blob, clock });
  const tokenCache = await TokenCache.create(stores.coord, config.limits.tokenCacheSeconds * 1000, () => clock.now());
  const tokens = new TokenService({ meta, clock, cache: tokenCache, coord: stores.coord, rateLimit: config.limits.tokenRateLimit });
  const directories = new DirectoryService({ meta, blob, clock });
  const files = new FileService({ meta, blob, clock });
  const batch = new BatchService({ meta, clock, files, directories, limits: config.limits });
  const tools = await discoverTools(config.media.tools, config.media.searchPath);
  setActiveTools(tools);
  configureImageLibrary();
  const mediaLimits = { concurrency: config.media.concurrency, timeoutMs: config.media.timeoutMs, maxPixels: config.media.maxPixels };
  const services: Services = {
    tokens,
    libraries: new LibraryService({ meta, clock, spaces, tokens }),
    spaces,
    directories,
    files,
    batch,
    tasks: new TaskService({ meta }),
    uploads: new UploadService({
      meta,
      blob,
      clock,
      signer,
      uploadTtlSeconds: config.limits.uploadTtlSeconds,
      minPartSize: config.limits.minPartSize,
      directUploads: config.blob.kind === 's3' && !config.blob.proxyUploads,
      hooks: options.uploadHooks,
    }),
    receiver: new UploadReceiver({ meta, blob, clock, signer, maxUploadSize: config.limits.maxUploadSize, hooks: options.uploadHooks }),
    downloads: new DownloadService({ meta, blob, clock, signer, ttlSeconds: config.limits.downloadTtlSeconds,
      presignDirect: config.blob.kind === 's3' && !config.blob.proxyDownloads,
      offload: config.downloadOffload,
    }),
    search: new SearchService({ meta, clock }),
    favorites: new FavoriteService({ meta, clock }),
    recent: new RecentService({ meta, clock }),
    // R8 queues its purge; waking the worker starts it now instead of at the next poll.
    recycleBin: new RecycleBinService({ meta, blob, clock, onJobQueued: () => app.worker.wake() }),
    quotas: new QuotaService({ meta, clock }),
    usage: new UsageService({ meta }),
    versions: new VersionService({ meta, blob, clock }),
    historyConfig: new HistoryConfigService({ meta, clock }),
    instantUploads: new InstantUploadService({ meta, blob, clock }),
    shares: new ShareService({ meta, clock }),
    shareAccess: new ShareAccessService({ meta, clock, coord: stores.coord, shareTokens: new ShareTokens(signer), batch, tokens }),
    feed: new FeedService({ meta, clock, retentionDays: config.limits.feedRetentionDays }),
    renditions: new RenditionService({
      meta, blob, clock, tools, limits: mediaLimits,
      onRendered: (event) => app.log.info({ rendition: event }, 'rendition rendered'),
    }),
    mediaInfo: new MediaInfoService({ meta, blob, clock, tools, limits: mediaLimits }),
    albumCovers: new AlbumCoverService({ meta }),
    mediaPrepare: new MediaPrepareService({ meta, clock, size: config.media.prerenderSize, onQueued: () => app.worker.wake() }),
    fileOps: buildFileOpsServices({ meta, blob, clock, limits: config.limits }),
    publicUrl: config.server.publicUrl,
    downloadUrl: config.server.downloadUrl,
    freeSpace: new FreeSpaceGuard({ blob, dataDir: config.meta.kind === 'sqlite' ? config.dataDir : null, reserveBytes: config.diskReserveBytes }),
    adminKey: options.adminKey,
  };

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: typeof options.logger === 'object' ? options.logger.level : config.logLevel,
            ...(typeof options.logger === 'object' && options.logger.stream ? { stream: options.logger.stream } : {}),
            // Tokens and secrets ride in SMH query strings; they never reach a log line.
            serializers: {
              req: (request: { method: string; url: string; id: string }) => ({
                method: request.method,
                url: redactUrl(request.url),
                id: request.id,
              }),
            },
          },
    exposeHeadRoutes: false,
    forceCloseConnections: 'idle',
    genReqId: () => newHexId(),
    frameworkErrors: renderFrameworkError,
    // SMH ids and paths are case-sensitive and a trailing slash on a directory means its root.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 5000 },
    ...connectionServerOptions(config.connections),
  });
  // Upload targets (PUT to the storage prefix, form POST to /) are bounded by the idle timeout only.
  guardConnections(app, config.connections, (url) => url.startsWith(STORAGE_PREFIX) || url === '/' || url.startsWith('/?'));
  app.log.info({ media: describeTools(tools), tools }, 'media kinds available');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    // No response of this origin is ever content-sniffed into something active (issue 10 item 6).
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  registerErrorHandling(app);
  registerCors(app);
  registerOperations(app, ops);
  await app.register(async (api) => {
    registerJsonBodies(api);
    registerTokenRoutes(api, services);
    registerSpaceRoutes(api, services);
    registerFileRoutes(api, services);
    registerDirectoryRoutes(api, services);
    registerRecycledRoutes(api, services);
    registerCrossSpaceRoutes(api, services);
    registerBatchRoutes(api, services);
    registerTaskRoutes(api, services);
    registerSearchRoutes(api, services);
    registerFavoriteRoutes(api, services);
    registerRecentRoutes(api, services);
    registerQuotaRoutes(api, services);
    registerUsageRoutes(api, services);
    registerVersionRoutes(api, services);
    registerShareRoutes(api, services);
    registerFsDeltaRoutes(api, services);
    registerHlsRoutes(api, services);
    registerAlbumRoutes(api, services);
    registerFileOpsRoutes(api, services);
    await registerLibraryRoutes(api, services);
  });
  await registerStorageRoutes(app, services);

  // An orphan goes on the first pass at least half an interval after one first saw it (so the
  // second pass that finds it); when it was first seen is kept in the database across restarts.
  const orphanSweepMs = config.limits.orphanSweepSeconds * 1000;
  const orphanSweep = new OrphanBlobSweep({ meta, blob, clock, graceMs: orphanSweepMs / 2 });
  const stopSweeps = startScheduler(
    [
      { name: 'expire-uploads', intervalMs: SWEEP_INTERVAL_MS, run: () => expireUploads(meta, blob, clock.now(), options.uploadHooks) },
      { name: 'sweep-orphan-blobs', intervalMs: orphanSweepMs, run: () => orphanSweep.run() },
      { name: 'forget-old-tasks', intervalMs: SWEEP_INTERVAL_MS, run: () => meta.jobs.deleteFinishedBefore(clock.now() - TASK_RETENTION_MS) },
      { name: 'expire-searches', intervalMs: SWEEP_INTERVAL_MS, run: () => services.search.sweep() },
      { name: 'purge-recycle-bins', intervalMs: SWEEP_INTERVAL_MS, run: () => purgeRecycleBins(meta, blob, clock.now()) },
      { name: 'expire-versions', intervalMs: SWEEP_INTERVAL_MS, run: () => expireVersions(meta, blob, clock.now()) },
      { name: 'expire-feed-events', intervalMs: SWEEP_INTERVAL_MS, run: () => services.feed.sweep() },
    ],
    app.log,
  );
  const worker = startWorker({
    meta,
    blob,
    clock,
    log: app.log,
    handlers: jobHandlers(services, options.jobs),
    leaseMs: config.limits.jobLeaseSeconds * 1000,
  });
  app.decorate('worker', worker);
  app.addHook('onClose', async () => {
    stopSweeps();
    await worker.stop();
  });
  return app;
}
