import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { loadConfig } from './config/load.js';
import { newSecret } from './lib/ids.js';
import { configureFaultPoints, faultPoint } from './lib/fault-points.js';
import { installProcessPolicy } from './lifecycle.js';
import { openStores } from './stores/open-stores.js';
import { describeStores, StoreStartError } from './stores/store-check.js';

export const ADMIN_KEY_FILE = 'admin-key';

/**
 * The admin key: from OPENSMH_ADMIN_KEY, else the one stored in the metadata store, else a new
 * one. It is also written to <data>/admin-key (mode 600) so the CLI finds it.
 */
async function resolveAdminKey(configured: string | null, dataDir: string, stored: (fresh: string) => Promise<string>) {
  if (configured) {
    return { key: configured, isNew: false };
  }
  const fresh = newSecret();
  const key = await stored(fresh);
  const file = join(dataDir, ADMIN_KEY_FILE);
  const onDisk = await readFile(file, 'utf8').catch(() => '');
  if (onDisk.trim() !== key) {
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return { key, isNew: key === fresh };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  configureFaultPoints(config.faultPointsFile);
  await mkdir(config.dataDir, { recursive: true });
  const stores = await openStores(config);
  const admin = await resolveAdminKey(config.adminKey, config.dataDir, (fresh) => stores.meta.settings.getOrCreate('admin_key', fresh));
  const app = await buildApp(config, stores, { adminKey: admin.key });
  installProcessPolicy(app, stores);
  const address = await app.listen({ port: config.server.port, host: config.server.host });
  if (admin.isNew) {
    // Printed once, on the start that created it; it is kept in <data>/admin-key.
    process.stdout.write(`\nOpenSMH admin key (also saved to ${join(config.dataDir, ADMIN_KEY_FILE)}):\n  ${admin.key}\n\n`);
  }
  app.log.info({ address, dataDir: config.dataDir }, 'OpenSMH listening');
  app.log.info(`stores in use: ${describeStores(config)}`);
  if (config.blob.kind === 's3' && !config.blob.proxyUploads && (config.blob.publicEndpoint ?? config.blob.endpoint).startsWith('http://')) {
    // `domain` in an upload target is host[:port] only (files.md §3): SMH SDKs always prepend https://.
    app.log.warn(
      `direct upload targets point at plain-HTTP ${config.blob.publicEndpoint ?? config.blob.endpoint}; SMH SDKs connect to https://{domain}. ` +
        'Serve the bucket over HTTPS (OPENSMH_S3_PUBLIC_ENDPOINT) or set OPENSMH_S3_PROXY_UPLOADS=true.',
    );
  }
  faultPoint('server.listening');
}

main().catch((error: unknown) => {
  if (error instanceof StoreStartError) {
    process.stderr.write(`OpenSMH failed to start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`OpenSMH failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
