/**
 * The engines' runner (test/engines/engine-process.ts): a run past its time limit is interrupted
 * as a group, killed when it ignores that, and says it timed out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runEngineProcess } from '../engines/engine-process.ts';
import { gone, killQuietly } from '../support/processes.ts';

const options = { cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } };

test('a run that ends in time has not timed out', async () => {
  const run = await runEngineProcess('sh', ['-c', 'echo done'], { ...options, timeoutMs: 10_000 });
  assert.equal(run.code, 0);
  assert.equal(run.timedOut, false);
  assert.equal(run.other, 'done\n');
});

test('a run past its limit is interrupted and says it timed out', async () => {
  const run = await runEngineProcess('sh', ['-c', 'sleep 30'], { ...options, timeoutMs: 200 });
  assert.equal(run.timedOut, true);
  assert.notEqual(run.code, 0);
  assert.ok(run.seconds < 10, `ended after ${String(run.seconds)} s`);
});

test('a group that ignores the interrupt is killed after the grace, its children too', async () => {
  // The shell and its sleep ignore SIGINT (an ignored signal stays ignored across exec).
  const script = 'trap "" INT; sleep 30 & echo "sleep $!"; wait';
  const run = await runEngineProcess('sh', ['-c', script], {
    ...options,
    timeoutMs: 200,
    graceMs: 300,
  });
  const sleeper = Number(/^sleep (\d+)$/m.exec(run.other)?.[1]);
  try {
    assert.equal(run.timedOut, true);
    assert.equal(run.code, null, 'ended by a signal');
    assert.ok(run.seconds < 10, `ended after ${String(run.seconds)} s`);
    assert.ok(Number.isInteger(sleeper) && sleeper > 0, run.other);
    assert.ok(await gone(sleeper, 2000), 'the sleep in the group was killed too');
  } finally {
    killQuietly(sleeper);
  }
});
