/**
 * The health gate's look at a stack's tasks (Swarm.tasksNotRunning), over what `docker stack ps`
 * printed in the middle of a real stop-first update (Docker 20.10 from Debian, recorded in the
 * lab): the new task waits desired Ready while the old one, desired Shutdown, still runs. The
 * docker CLI here is a script that prints that table, so the parsing is tested without an engine.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Swarm } from '../../src/deploy/swarm.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A docker CLI that answers every call with `table` and records its arguments. */
function printing(table: string): { docker: string; argsFile: string } {
  const dir = tempDir('recipe-ci-swarm-tasks-');
  const docker = join(dir, 'docker');
  const argsFile = join(dir, 'args');
  writeFileSync(
    docker,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nprintf '%s' '${table.replace(/'/g, `'\\''`)}'\n`,
  );
  chmodSync(docker, 0o755);
  return { docker, argsFile };
}

function swarmWith(docker: string): Swarm {
  return new Swarm({
    docker,
    context: undefined,
    env: process.env,
    cwd: process.cwd(),
    signal: new AbortController().signal,
  });
}

test('mid-update: the new task desired Ready is not running yet, though the old one still runs', async () => {
  const { docker } = printing(
    [
      'note_app.1\tReady\tReady less than a second ago',
      'note_app.1\tShutdown\tRunning 5 seconds ago',
      'note_db.1\tRunning\tRunning 10 seconds ago',
    ].join('\n'),
  );
  assert.deepEqual(await swarmWith(docker).tasksNotRunning('note'), [
    'note_app.1\tReady less than a second ago (desired Ready)',
  ]);
});

test('after the update: only history is not running, so nothing is waited for', async () => {
  const { docker, argsFile } = printing(
    [
      'note_app.1\tRunning\tRunning 1 second ago',
      'note_app.1\tShutdown\tShutdown 2 seconds ago',
      'note_db.1\tRunning\tRunning 10 seconds ago',
    ].join('\n'),
  );
  assert.deepEqual(await swarmWith(docker).tasksNotRunning('note'), []);
  // Every task is asked for, not only those desired Running (which would miss the Ready one).
  assert.ok(!readFileSync(argsFile, 'utf8').includes('desired-state'));
});

test('a task desired Running that is still starting or failing is named with its state', async () => {
  const { docker } = printing(
    [
      'note_app.1\tRunning\tStarting 1 second ago',
      'note_db.1\tRunning\tRejected 3 seconds ago',
    ].join('\n'),
  );
  assert.deepEqual(await swarmWith(docker).tasksNotRunning('note'), [
    'note_app.1\tStarting 1 second ago',
    'note_db.1\tRejected 3 seconds ago',
  ]);
});
