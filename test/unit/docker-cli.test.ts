/**
 * The abra backend's docker CLI check: no docker, or one that does not answer, is a
 * ConfigurationError naming what it needs and how to install it; a working one passes.
 */
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDockerCli } from '../../src/deploy/docker-cli.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { tempDir } from '../support/temp-dir.ts';

const signal = new AbortController().signal;

function script(body: string): string {
  const file = join(tempDir('recipe-ci-docker-cli-'), 'docker');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('no docker on PATH: a ConfigurationError with the reason and the install hint', async () => {
  await assert.rejects(
    checkDockerCli({ env: { PATH: tempDir('recipe-ci-empty-path-') }, signal }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigurationError);
      assert.match(
        error.message,
        /^backend abra reads the app’s services through Docker’s CLI, and there is no docker on PATH \(/,
      );
      assert.match(error.message, /apt-get install docker\.io; no daemon needs to run/);
      return true;
    },
  );
});

test('a docker that fails to answer --version is named with what it said', async () => {
  const docker = script('echo "exec format error" >&2; exit 126');
  await assert.rejects(
    checkDockerCli({ docker, env: process.env, signal }),
    /`.*docker --version` exited with 126: exec format error; install the Docker CLI/,
  );
});

test('a docker that answers passes, with its version line', async () => {
  const docker = script('echo "Docker version 28.2.2, build 1"');
  assert.equal(
    await checkDockerCli({ docker, env: process.env, signal }),
    'Docker version 28.2.2, build 1',
  );
});
