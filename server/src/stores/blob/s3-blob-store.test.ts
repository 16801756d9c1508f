import { describe, it } from 'node:test';
import { TEST_S3, uniqueName, USE_S3 } from '../../../test/helpers/test-stores.js';
import { describeBlobStore } from './blob-store.contract.js';
import { S3BlobStore } from './s3-blob-store.js';

if (USE_S3) {
  describeBlobStore('S3 (real server)', () => S3BlobStore.open({ ...TEST_S3, prefix: `${uniqueName('contract-')}/` }));
} else {
  describe('BlobStore contract: S3', () => {
    it('runs with OPENSMH_TEST_STORES=s3 (see scripts/start-rgw.sh)', (t) => t.skip('S3 tier not enabled'));
  });
}
