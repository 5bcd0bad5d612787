import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseDurationMs } from '../../src/shared/duration.ts';

test('durations in the forms users write', () => {
  assert.equal(parseDurationMs('90s'), 90_000);
  assert.equal(parseDurationMs('10m'), 600_000);
  assert.equal(parseDurationMs('1h30m'), 5_400_000);
  assert.equal(parseDurationMs('500ms'), 500);
  assert.equal(parseDurationMs('1.5s'), 1500);
  assert.equal(parseDurationMs('2d'), 172_800_000);
  assert.equal(parseDurationMs('45'), 45_000, 'a bare number is seconds');
  assert.equal(parseDurationMs(' 5m '), 300_000);
});

test('anything else is refused, not guessed', () => {
  for (const bad of ['', 'ten minutes', '10x', '10 m', 'm10', '1h30', '-5s', '5s!', 's']) {
    assert.equal(parseDurationMs(bad), undefined, bad);
  }
});

test('durations for people', () => {
  assert.equal(formatDuration(250), '250ms');
  assert.equal(formatDuration(90_000), '1m30s');
  assert.equal(formatDuration(3_600_000), '1h');
  assert.equal(formatDuration(0), '0ms');
  assert.equal(formatDuration(1000), '1s');
});
