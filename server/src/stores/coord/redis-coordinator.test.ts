import { describe, it } from 'node:test';
import { USE_REDIS, TEST_REDIS_URL } from '../../../test/helpers/test-stores.js';
import { describeCoordinator } from './coordinator.contract.js';
import { RedisCoordinator } from './redis-coordinator.js';

if (USE_REDIS) {
  describeCoordinator('Redis', () => RedisCoordinator.open(TEST_REDIS_URL, `test-${process.pid}:`), true);
} else {
  describe('Coordinator contract: Redis', () => {
    it('runs with OPENSMH_TEST_STORES=redis', (t) => t.skip('Redis tier not enabled'));
  });
}
