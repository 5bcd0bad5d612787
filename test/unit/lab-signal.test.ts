/**
 * The lab's signal helpers never take a pid that is not a child's for one: to kill(2), 0 is the
 * caller's own process group. (The probe runs in a group of its own, so a helper that got it
 * wrong kills only the probe. -1, every process, is not tried.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnedPid } from '../lab/processes.ts';
import { runInGroup } from '../support/process-group.ts';

const LAB = join(import.meta.dirname, '..', 'lab', 'processes.ts');
const GROUP = join(import.meta.dirname, '..', 'support', 'process-group.ts');

test('pid 0 is refused: the caller’s own group gets no signal', async () => {
  const script = `
    import { signal } from ${JSON.stringify(LAB)};
    import { signalGroup } from ${JSON.stringify(GROUP)};
    signal(0, 'SIGTERM');
    signal(Number.NaN, 'SIGTERM');
    signalGroup(0, 'SIGTERM');
    signalGroup(undefined, 'SIGTERM');
    console.log('still here');
  `;
  const probe = await runInGroup(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { env: process.env, timeoutMs: 60_000 },
  );
  assert.equal(probe.signal, null, `the probe was signalled: ${probe.stderr}`);
  assert.equal(probe.code, 0, probe.stderr);
  assert.equal(probe.stdout, 'still here\n');
});

test('a child that did not start has no pid to go on with', async () => {
  const child = spawn('/nonexistent/recipe-ci-program', [], { stdio: 'ignore' });
  assert.throws(() => spawnedPid(child, 'the program'), /the program did not start/);
  // Its 'error' event follows; taken, it does not crash this process.
  await new Promise((resolve) => child.once('close', resolve));
});
