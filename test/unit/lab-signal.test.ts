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
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  );
  const probe = { status, signal, stdout, stderr };
  assert.equal(probe.signal, null, `the probe was signalled: ${probe.stderr}`);
  assert.equal(probe.status, 0, probe.stderr);
  assert.equal(probe.stdout, 'still here\n');
});

test('a child that did not start has no pid to go on with', async () => {
  const child = spawn('/nonexistent/recipe-ci-program', [], { stdio: 'ignore' });
  assert.throws(() => spawnedPid(child, 'the program'), /the program did not start/);
  // Its 'error' event follows; taken, it does not crash this process.
  await new Promise((resolve) => child.once('close', resolve));
});
