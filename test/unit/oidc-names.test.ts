import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunName, prefixProblem, realmNameProblem, runName } from '../../src/oidc/names.ts';
import { runOrigin } from '../../src/platform/run-origin.ts';

test('a run name is [a-z0-9-] from prefix, repo, run id, attempt and epoch, and parses back', () => {
  const label = runOrigin({
    GITHUB_REPOSITORY: 'Coop-Cloud/Keycloak_Recipe.v2',
    GITHUB_RUN_ID: '987654321',
    GITHUB_RUN_ATTEMPT: '3',
  });
  const name = runName('ci', label, 1_795_246_680.7, 'a1b2');
  assert.equal(name, 'ci-keycloak-recipe-v2-987654321-3-1795246680-a1b2');
  assert.equal(parseRunName('ci', name), 1_795_246_680);
  assert.match(
    runName('ci-x', { repo: '---', runId: 'local', attempt: 'x' }, 1e9),
    /^ci-x-x-local-1-1000000000-[0-9a-f]{4}$/,
  );
  // Two jobs of one matrix, same run, same second: different names.
  assert.notEqual(runName('ci', label, 1e9), runName('ci', label, 1e9));
});

test('only names of our prefix with an epoch parse: foreign, shared and hand-made ones do not', () => {
  for (const name of [
    'master',
    'ci-shared',
    'ci-notes',
    'cix-a-1-1-1795246680',
    'other-a-1-1-1795246680',
    'ci-a-1-1795246680x',
  ]) {
    assert.equal(parseRunName('ci', name), undefined, name);
  }
  assert.equal(parseRunName('ci', 'ci-a-b-c-12-1-1795246680'), 1_795_246_680);
});

test('a prefix with characters Keycloak rejects, or upper case, is refused', () => {
  assert.equal(prefixProblem('ci'), undefined);
  assert.equal(prefixProblem('recipe-ci-2'), undefined);
  for (const bad of ['CI', 'ci_x', 'ci/x', 'ci:x', '-ci', 'ci-', '', 'a'.repeat(21)]) {
    assert.ok(prefixProblem(bad), bad);
  }
});

test('a shared realm name may be longer than a prefix, with the same characters', () => {
  assert.equal(
    realmNameProblem('abcdefghijklmnopqrst-shared'),
    undefined,
    'a 20-character prefix + -shared',
  );
  assert.match(realmNameProblem('x'.repeat(101)) ?? '', /longer than 100/);
  assert.match(realmNameProblem('CI_shared') ?? '', /lower-case letters/);
});
