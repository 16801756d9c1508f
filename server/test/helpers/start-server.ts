import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { JobHandler } from '../../src/jobs/job.js';
import { loadConfig } from '../../src/config/load.js';
import type { Clock } from '../../src/services/deps.js';
import type { UploadHooks } from '../../src/services/upload-hooks.js';
import { closeStores, openStores, type Stores } from '../../src/stores/open-stores.js';
import { dropSchema, testStoreEnv } from './test-stores.js';

export const ADMIN_KEY = 'test-admin-key-0123456789';

/** A clock tests can move forward (token expiry, upload expiry). */
export class ManualClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly stores: Stores;
  readonly clock: ManualClock;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Starts the real server on a random loopback port over a fresh temporary data folder. */
export async function startServer(
  env: Record<string, string> = {},
  options: { jobs?: readonly JobHandler[]; logStream?: NodeJS.WritableStream; uploadHooks?: UploadHooks } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'opensmh-test-'));
  const fullEnv: Record<string, string> = { OPENSMH_DATA_DIR: dataDir, OPENSMH_PORT: '0', OPENSMH_HOST: '127.0.0.1', ...testStoreEnv(), ...env };
  const config = loadConfig(fullEnv);
  const stores = await openStores(config);
  const clock = new ManualClock();
  const app = await buildApp(config, stores, {
    adminKey: ADMIN_KEY,
    clock,
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
    jobs: options.jobs,
    uploadHooks: options.uploadHooks,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') {
    throw new Error('server has no TCP address');
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    stores,
    clock,
    dataDir,
    async close() {
      // fetch keeps connections alive; drop them so close() does not wait for their timeout.
      app.server.closeAllConnections();
      await app.close();
      await closeStores(stores);
      await rm(dataDir, { recursive: true, force: true });
      if (!env.OPENSMH_DATABASE_SCHEMA) {
        // a schema passed in by the caller is shared with other servers; the caller drops it
        await dropSchema(fullEnv.OPENSMH_DATABASE_SCHEMA);
      }
    },
  };
}
