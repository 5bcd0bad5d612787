/** The Gitea runner's version check (test/engines/gitea-runner.ts) on a runner that is broken. */
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { giteaRunnerVersion } from '../engines/gitea-runner.ts';
import { tempDir } from '../support/temp-dir.ts';

function fakeRunner(script: string): string {
  const file = join(tempDir('recipe-ci-fake-runner-'), 'gitea-runner');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('a runner that answers gives its version', () => {
  const runner = fakeRunner('echo "gitea-runner version v1.0.8"');
  assert.equal(giteaRunnerVersion(runner), 'gitea-runner version v1.0.8');
});

test('a runner whose --version fails stops the tests with what it printed', () => {
  const runner = fakeRunner('echo "cannot load its config"; echo "exec format" >&2; exit 3');
  assert.throws(
    () => giteaRunnerVersion(runner),
    (error: Error) =>
      error.message.includes('exit 3') &&
      error.message.includes('cannot load its config') &&
      error.message.includes('exec format'),
  );
});

test('a runner that cannot start stops the tests with why', () => {
  const runner = join(tempDir('recipe-ci-fake-runner-'), 'gitea-runner');
  writeFileSync(runner, 'not a program');
  assert.throws(() => giteaRunnerVersion(runner), /EACCES/);
});
