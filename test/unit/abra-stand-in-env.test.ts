/**
 * The abra stand-in's env (test/support/abra-stand-in.ts): when every server is meant to be a
 * guest's own engine, the `local` server reaches no engine of this machine.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { AbraStandIn, NO_LOCAL_ENGINE, STAND_IN_BIN } from '../support/abra-stand-in.ts';

const dockerCli = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).status === 0;
const when = { skip: dockerCli ? false : 'needs a docker CLI on PATH' };

test('serverEngines: the local server names a socket that cannot exist', when, () => {
  const env = new AbraStandIn().env({ serverEngines: true });
  assert.equal(env.DOCKER_HOST, NO_LOCAL_ENGINE);
  assert.match(NO_LOCAL_ENGINE, /^unix:\/\/\/nonexistent\//);
  // What every docker call on the local server meets: no engine, however this machine has one.
  const info = spawnSync(`${STAND_IN_BIN}/docker`, ['info', '--format', '{{.ID}}'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.notEqual(info.status, 0, info.stdout);
  assert.match(info.stderr, /nonexistent/);
});

test('a given engine stays the local server’s engine', when, () => {
  const dockerHost = 'unix:///run/recipe-ci-lab/docker.sock';
  const env = new AbraStandIn().env({ serverEngines: true, dockerHost });
  assert.equal(env.DOCKER_HOST, dockerHost);
});
