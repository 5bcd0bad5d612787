import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../src/shared/backoff.ts';

test('delays start at the interval, grow by half, and stop at the cap', () => {
  const policy = { firstMs: 200, capMs: 1000, jitter: 0 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n)),
    [200, 300, 450, 675, 1000, 1000],
  );
});

test('jitter stays within its band', () => {
  const policy = { firstMs: 1000, capMs: 1000, jitter: 0.5 };
  assert.equal(
    backoffDelay(policy, 0, () => 0),
    1000,
  );
  assert.equal(
    backoffDelay(policy, 0, () => 0.999999),
    500,
  );
  for (let i = 0; i < 100; i++) {
    const delay = backoffDelay(policy, 3);
    assert.ok(delay >= 500 && delay <= 1000, String(delay));
  }
});
