import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmhError } from '../errors/smh-error.js';
import { MemoryCoordinator } from '../stores/coord/memory-coordinator.js';
import { limitVerifyAttempts } from './share-rate.js';

const LIMITS = { perShareAndClient: 3, perClient: 5, perShare: 4, windowMs: 60_000 };

async function passes(coord: MemoryCoordinator, share: string, client: string, limits = LIMITS): Promise<boolean> {
  try {
    await limitVerifyAttempts(coord, share, client, limits);
    return true;
  } catch (error) {
    assert.ok(error instanceof SmhError && error.code === 'RateLimitExceeded');
    return false;
  }
}

describe('extraction code rate limits', () => {
  it('limits one client on one share', async () => {
    const coord = new MemoryCoordinator();
    const limits = { ...LIMITS, perShare: 10 };
    const results = [];
    for (let i = 0; i < 4; i += 1) {
      results.push(await passes(coord, 'share-a', '10.0.0.1', limits));
    }
    assert.deepEqual(results, [true, true, true, false]);
    assert.equal(await passes(coord, 'share-a', '10.0.0.2', limits), true, 'another client still gets through');
  });

  it('limits one client across shares', async () => {
    const coord = new MemoryCoordinator();
    const results = [];
    for (const share of ['a', 'b', 'c', 'd', 'e', 'f']) {
      results.push(await passes(coord, share, '10.0.0.1'));
    }
    assert.deepEqual(results, [true, true, true, true, true, false]);
  });

  it('limits one share across clients (a distributed guesser)', async () => {
    const coord = new MemoryCoordinator();
    const results = [];
    for (const client of ['1', '2', '3', '4', '5']) {
      results.push(await passes(coord, 'share-a', client));
    }
    assert.deepEqual(results, [true, true, true, true, false]);
  });

  it('lets attempts through again in the next window', async () => {
    let now = 1_000_000;
    const coord = new MemoryCoordinator(() => now);
    for (let i = 0; i < 3; i += 1) {
      assert.equal(await passes(coord, 'share-a', 'x'), true);
    }
    assert.equal(await passes(coord, 'share-a', 'x'), false);
    now += 60_000;
    assert.equal(await passes(coord, 'share-a', 'x'), true);
  });
});
