import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Coordinator } from './coordinator.js';

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(check(), 'condition not reached');
}

/** Shared behaviour of coordinators; `openPeer` gives a second node's view of the same backend. */
export function describeCoordinator(name: string, open: () => Promise<Coordinator>, sharesAcrossInstances: boolean): void {
  describe(`Coordinator contract: ${name}`, () => {
    let one: Coordinator;
    let two: Coordinator;
    before(async () => {
      one = await open();
      two = sharesAcrossInstances ? await open() : one;
    });
    after(async () => {
      await one.close();
      if (two !== one) {
        await two.close();
      }
    });

    it('delivers a published message to subscribers on every node', async () => {
      const channel = `c-${randomBytes(4).toString('hex')}`;
      const seen: string[] = [];
      await one.subscribe(channel, (message) => seen.push(`one:${message}`));
      await two.subscribe(channel, (message) => seen.push(`two:${message}`));
      await one.publish(channel, 'hello');
      const expected = two === one ? ['one:hello', 'two:hello'] : ['one:hello', 'two:hello'];
      await eventually(() => seen.length === expected.length);
      assert.deepEqual([...seen].sort(), expected);
    });

    it('shares rate-limit counters between nodes', async () => {
      const key = `k-${randomBytes(4).toString('hex')}`;
      const results = [];
      for (let i = 0; i < 6; i += 1) {
        results.push(await (i % 2 === 0 ? one : two).hit(key, 4, 60_000));
      }
      assert.deepEqual(results, [true, true, true, true, false, false]);
    });
  });
}
