import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shouldKeep } from '../../src/actions/provision.ts';
import { jobOutcome } from '../../src/platform/job-outcome.ts';
import { sweep } from '../../src/provision/janitor.ts';
import type { Leftover, Provider } from '../../src/provision/provider.ts';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

function fakeProvider(
  found: Leftover[],
  failing = new Set<string>(),
): Provider & { destroyed: string[] } {
  const destroyed: string[] = [];
  return {
    name: 'hcloud',
    destroyed,
    create: () => Promise.reject(new Error('unused')),
    describe: () => Promise.resolve(undefined),
    destroy: () => Promise.resolve('gone'),
    listOwnLeftovers: () => Promise.resolve(found),
    destroyLeftover: (l) => {
      if (failing.has(l.id)) return Promise.reject(new Error('locked'));
      destroyed.push(l.id);
      return Promise.resolve();
    },
    removeByHand: () => '',
  };
}

const leftovers: Leftover[] = [
  { kind: 'server', id: 'old', name: 'rc-a-1-1', createdAt: NOW - 7 * HOUR },
  { kind: 'server', id: 'young', name: 'rc-b-2-1', createdAt: NOW - HOUR },
  { kind: 'ssh-key', id: 'stuck', name: 'rc-c-3-1', createdAt: NOW - 9 * HOUR },
];

test('removes only what is older than max-age, and lists what it could not remove', async () => {
  const provider = fakeProvider(leftovers, new Set(['stuck']));
  const options = {
    prefix: 'rc',
    maxAgeMs: 6 * HOUR,
    dryRun: false,
    now: NOW,
    signal: new AbortController().signal,
  };
  const result = await sweep(provider, options);
  assert.deepEqual(provider.destroyed, ['old']);
  assert.deepEqual(
    result.spared.map((l) => l.id),
    ['young'],
  );
  assert.deepEqual(
    result.failed.map((f) => [f.leftover.id, f.error]),
    [['stuck', 'locked']],
  );
  assert.match(
    result.report.toLogLines().join('\n'),
    /ssh-key\s+stuck\s+rc-c-3-1\s+9h\s+FAILED: locked/,
  );
});

test('a dry run removes nothing and says what it would remove', async () => {
  const provider = fakeProvider(leftovers);
  const options = {
    prefix: 'rc',
    maxAgeMs: 6 * HOUR,
    dryRun: true,
    now: NOW,
    signal: new AbortController().signal,
  };
  const result = await sweep(provider, options);
  assert.deepEqual(provider.destroyed, []);
  assert.match(
    result.report.toLogLines().join('\n'),
    /old\s+rc-a-1-1\s+7h\s+would remove \(dry run\)/,
  );
});

test('keep: on-failure keeps a failed run only; a cancelled run is cleaned up', () => {
  assert.equal(shouldKeep('never', 'failure'), false);
  assert.equal(shouldKeep('on-failure', 'failure'), true);
  assert.equal(shouldKeep('on-failure', 'cancelled'), false);
  assert.equal(shouldKeep('on-failure', 'success'), false);
  assert.equal(shouldKeep('always', 'success'), true);
});

test('a later step can report the job failed; a cancel stays a cancel', () => {
  assert.equal(jobOutcome('success', {}), 'success');
  assert.equal(jobOutcome('success', { RECIPE_CI_JOB_STATUS: 'failure' }), 'failure');
  assert.equal(jobOutcome('cancelled', { RECIPE_CI_JOB_STATUS: 'failure' }), 'cancelled');
  assert.equal(jobOutcome(undefined, {}), 'failure');
});
