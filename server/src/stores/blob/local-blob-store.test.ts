import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStore } from './blob-store.contract.js';
import { LocalBlobStore } from './local-blob-store.js';

describeBlobStore('local disk', async () => LocalBlobStore.open(await mkdtemp(join(tmpdir(), 'opensmh-blob-'))));
