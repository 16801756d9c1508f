import { after, describe, it } from 'node:test';
import { dropSchema, TEST_DATABASE_URL, uniqueName, USE_POSTGRES } from '../../../../test/helpers/test-stores.js';
import { describeMetaStore } from '../meta-store.contract.js';
import { openPostgresMetaStore } from './open-postgres.js';

if (USE_POSTGRES) {
  const schema = uniqueName('contract_');
  describeMetaStore('PostgreSQL', () => openPostgresMetaStore(TEST_DATABASE_URL, schema));
  after(() => dropSchema(schema));
} else {
  describe('MetaStore contract: PostgreSQL', () => {
    it('runs with OPENSMH_TEST_STORES=postgres', (t) => t.skip('PostgreSQL tier not enabled'));
  });
}
