/**
 * The waits of test/lab/held.ts that keep a lab's owner from outliving a test: a line that never
 * comes gives up, and a child that ignores SIGTERM is killed after the grace.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { endChild, lineFrom } from '../lab/held.ts';

test('a child that never prints the line: the wait gives up and says what it saw', async (t) => {
  const child = spawn('sh', ['-c', 'echo starting; exec sleep 30'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  t.after(() => endChild(child, 100));
  await assert.rejects(lineFrom(child, '"namespaces"', 300), /within 300 ms: starting/);
});

test('ending a child: SIGTERM, and SIGKILL after the grace when it ignores that', async () => {
  const polite = spawn('sleep', ['30'], { stdio: 'ignore' });
  assert.deepEqual(await endChild(polite, 5000), { code: null, signal: 'SIGTERM' });
  // An ignored signal stays ignored across exec: this sleep ignores SIGTERM.
  const stubborn = spawn('sh', ['-c', 'trap "" TERM; exec sleep 30'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 200)); // the trap is set
  const started = Date.now();
  assert.deepEqual(await endChild(stubborn, 300), { code: null, signal: 'SIGKILL' });
  assert.ok(Date.now() - started < 5000);
  // One that has ended already: nothing is sent, how it ended is said.
  assert.deepEqual(await endChild(stubborn, 300), { code: null, signal: 'SIGKILL' });
});
