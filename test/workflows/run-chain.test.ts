/**
 * actions/run and `recipe-ci run` are the reusable workflow without a runner to evaluate it: the
 * same inputs with the same defaults, and each step given exactly the inputs the workflow's test
 * job gives it. When the workflow gains an input or a step input, these fail until run has it too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseActionMetadata } from '../../src/cli/metadata.ts';
import {
  oidcRealmInputs,
  provisionInputs,
  readinessInputs,
  recipeSuiteInputs,
  type RunValues,
  type StepInputs,
} from '../../src/run/chain-inputs.ts';
import { RUN_SECRETS } from '../../src/run/run-values.ts';
import { render, workflowYaml } from './workflow-files.ts';

const workflow = workflowYaml('.github/workflows/recipe-ci.yml') as unknown as {
  on: {
    workflow_call: {
      inputs: Record<string, { default?: unknown; type?: string; description?: string }>;
      secrets: Record<string, unknown>;
    };
  };
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
};
const run = parseActionMetadata(readFileSync('actions/run/action.yml', 'utf8'));

/** The workflow's own business: checking out, installing abra, choosing runners. */
const WORKFLOW_ONLY = [
  'recipe-repository',
  'recipe-ref',
  'abra-version',
  'runs-on',
  // The result card is a job of its own after the tests; recipe-ci report does it off a runner.
  'report',
  'report-sha',
  'recipe-ci-repository',
  'recipe-ci-ref',
];
/** Run's own: no matrix or artifact store to lean on, and existing servers on a laptop. */
const RUN_ONLY = ['max-parallel', 'results-dir', 'readiness-cloud-init', ...RUN_SECRETS];

test("run's inputs are the workflow's, with the same defaults", () => {
  const fromWorkflow = Object.entries(workflow.on.workflow_call.inputs).filter(
    ([name]) => !WORKFLOW_ONLY.includes(name),
  );
  const ours = new Map(run.inputs.map((i) => [i.name, i]));
  for (const [name, spec] of fromWorkflow) {
    const input = ours.get(name);
    assert.ok(input, `actions/run has the workflow's input ${name}`);
    const given = spec.default;
    const expected =
      typeof given === 'string' || typeof given === 'number' || typeof given === 'boolean'
        ? String(given)
        : undefined;
    assert.equal(input.default ?? undefined, expected, `${name}'s default`);
  }
  const extra = run.inputs
    .map((i) => i.name)
    .filter((name) => !(name in workflow.on.workflow_call.inputs) && !RUN_ONLY.includes(name));
  assert.deepEqual(extra, [], 'no input of run is missing from the workflow or RUN_ONLY');
  assert.deepEqual(
    Object.keys(workflow.on.workflow_call.secrets).sort(),
    [...RUN_SECRETS].sort(),
    "the workflow's secrets are run's secret inputs",
  );
});

/** Every run input given, so every step input that can be set is. */
const everything: RunValues = {
  get: (name) => (name === 'backend' ? 'abra' : name === 'timeout-minutes' ? '60' : `v-${name}`),
  secret: (name) => `secret-${name}`,
};
const entry = { target: 't', domain: 'app.example.test', server: 'srv' };
const handedOn = { hosts: 'h', user: 'u', privateKeyPath: 'k', knownHosts: 'kh' };

function givenBy(uses: string): string[] {
  const step = workflow.jobs.test?.steps.find((s) => s.uses === uses);
  assert.ok(step?.with, uses);
  return Object.keys(step.with).sort();
}
const keys = (step: StepInputs): string[] =>
  [...Object.keys(step.inputs), ...Object.keys(step.secrets)].sort();

test("each step gets the inputs the workflow's test job gives it", () => {
  assert.deepEqual(
    keys(provisionInputs(everything, entry)),
    givenBy('./.recipe-ci/actions/provision'),
  );
  assert.deepEqual(
    keys(readinessInputs(everything, entry, handedOn)).filter((n) => n !== 'cloud-init'),
    givenBy('./.recipe-ci/actions/readiness'),
  );
  assert.deepEqual(
    keys(oidcRealmInputs(everything, entry, '/env')),
    givenBy('./.recipe-ci/actions/oidc-realm'),
  );
  assert.deepEqual(
    keys(recipeSuiteInputs(everything, { ...entry, provider: 'ssh' }, handedOn, '/env')),
    givenBy('./.recipe-ci/actions/recipe-suite'),
  );
});

test("a target's property beats the run's input; empty values are left to action.yml", () => {
  const values: RunValues = {
    get: (name) => ({ provider: 'ssh', host: 'run-host', backend: 'command' })[name] ?? '',
    secret: () => undefined,
  };
  const step = provisionInputs(values, { target: 'big', host: 'own-host' });
  assert.equal(step.inputs.host, 'own-host');
  assert.equal(step.sources.host, "targets (big's host)");
  assert.equal(step.inputs.provider, 'ssh');
  assert.equal(step.inputs.swarm, 'false');
  assert.equal('user' in step.inputs, false, 'empty: provision defaults it');
  assert.deepEqual(step.secrets, {}, 'no secret given, none passed');
  const local = recipeSuiteInputs(
    { ...values, get: (n) => (n === 'provider' ? 'local' : '') },
    { target: 'l' },
    handedOn,
    undefined,
  );
  assert.equal(local.inputs.server, 'local');
  assert.equal(
    'host' in local.inputs,
    false,
    'local: the runner is the machine, nothing handed over',
  );
});

test('`previous` reaches recipe-suite from the workflow and from run', () => {
  const input = workflow.on.workflow_call.inputs.previous;
  assert.equal(input?.type, 'string');
  assert.equal(input.default, 'auto');
  assert.match(input.description ?? '', /`auto`.*a version tag.*`last-N`/s);
  const step = workflow.jobs.test?.steps.find(
    (s) => s.uses === './.recipe-ci/actions/recipe-suite',
  );
  for (const value of ['auto', 'last-3', '2.3.1+26.0.7']) {
    assert.equal(render(step?.with?.previous, { inputs: { previous: value } }), value);
  }
  assert.equal(run.inputs.find((i) => i.name === 'previous')?.default, 'auto');
  const given = (previous: string): StepInputs =>
    recipeSuiteInputs(
      { get: (name) => (name === 'previous' ? previous : ''), secret: () => undefined },
      { target: 't' },
      undefined,
      undefined,
    );
  assert.equal(given('last-3').inputs.previous, 'last-3');
  // A bad value is reported as the run's `--previous`.
  assert.equal(given('last-3').sources.previous, 'previous');
  assert.equal('previous' in given('').inputs, false, "empty: recipe-suite's default applies");
});
