import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runOrigin, runnerTemp } from '../../src/platform/run-origin.ts';
import { runName } from '../../src/oidc/names.ts';
import { runIdentity } from '../../src/provision/naming.ts';
import { slug } from '../../src/shared/slug.ts';

const NOW = 1_795_246_680_000;

test('the run as each CI tells it: GitHub-style runners, Drone, Woodpecker', () => {
  assert.deepEqual(
    runOrigin({ GITHUB_REPOSITORY: 'org/notes', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2' }),
    { repository: 'org/notes', repo: 'notes', runId: '42', attempt: '2' },
  );
  assert.deepEqual(runOrigin({ DRONE_REPO: 'org/notes', DRONE_BUILD_NUMBER: '7' }), {
    repository: 'org/notes',
    repo: 'notes',
    runId: '7',
    attempt: '1',
  });
  assert.deepEqual(runOrigin({ CI_REPO: 'org/wiki', CI_PIPELINE_NUMBER: '9' }).runId, '9');
});

test('off any CI: `local` and a run id of the time, the same for both namers', () => {
  const origin = runOrigin({}, NOW);
  assert.deepEqual(origin, {
    repository: undefined,
    repo: 'local',
    runId: `manual${Math.floor(NOW / 1000).toString(36)}`,
    attempt: '1',
  });
  assert.equal(runIdentity('recipe-ci', {}, NOW).name, `recipe-ci-local-${origin.runId}-1`);
  assert.match(
    runName('ci', origin, NOW / 1000, 'beef'),
    new RegExp(`^ci-local-${origin.runId}-1-`),
  );
  // Two manual runs a second apart get different names.
  assert.notEqual(runOrigin({}, NOW).runId, runOrigin({}, NOW + 1000).runId);
});

test('slug: [a-z0-9-], runs of anything else as one hyphen, cut without a trailing hyphen', () => {
  assert.equal(slug('--Hello World__v2'), 'hello-world-v2');
  assert.equal(slug('ab-cd', 3), 'ab');
  assert.equal(slug('ÄÖ'), '');
});

test('RUNNER_TEMP on a runner, the system temp folder elsewhere', () => {
  assert.equal(runnerTemp({ RUNNER_TEMP: '/runner/_temp' }), '/runner/_temp');
  assert.ok(runnerTemp({}).length > 0);
});
