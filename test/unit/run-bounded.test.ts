import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapBounded } from '../../src/run/bounded.ts';

test('at most `limit` tasks at once, results in the items’ order', async () => {
  let running = 0;
  let most = 0;
  const results = await mapBounded([30, 10, 20, 5, 15], 2, async (ms, i) => {
    running++;
    most = Math.max(most, running);
    await sleep(ms);
    running--;
    return i;
  });
  assert.deepEqual(results, [0, 1, 2, 3, 4]);
  assert.equal(most, 2);
  assert.deepEqual(await mapBounded([], 3, () => Promise.resolve(1)), []);
});
