/**
 * recipe-ci.yml's real `if:` conditions, matrix and gate, evaluated with GitHub's expression
 * engine and fed with the real outputs of the targets action (dist/targets/main.js run as a runner
 * runs it) for each kind of run. The gate's shell steps are run with bash as the runner runs them.
 * What this cannot show — the runner's own scheduling — is left to e2e.yml on a hosted runner.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { data } from '@actions/expressions';
import type {
  Job as ParsedJob,
  Step as ParsedStep,
} from '@actions/workflow-parser/model/workflow-template';
import { FakeActionsEnv } from '../support/fake-actions-env.ts';
import {
  evaluate,
  isTrue,
  parseWorkflowFile,
  render,
  workflowYaml,
  type Status,
} from './workflow-files.ts';

const FILE = '.github/workflows/recipe-ci.yml';
const yaml = workflowYaml(FILE);
const { template, errors } = await parseWorkflowFile(FILE);
assert.deepEqual(errors, []);
const parsedJob = (id: string): ParsedJob => {
  const job = template.jobs.find((j) => j.id.value === id);
  assert.ok(job && job.type === 'job', id);
  return job;
};
const jobIf = (id: string): string => parsedJob(id).if.expression;
const stepIf = (step: ParsedStep | undefined): string => {
  assert.ok(step && 'if' in step && step.if !== undefined);
  return step.if.expression;
};

const callInputs = (yaml.on.workflow_call as { inputs: Record<string, { default?: unknown }> })
  .inputs;
const defaults = Object.fromEntries(
  Object.entries(callInputs).map(([name, spec]) => [name, spec.default ?? '']),
);
// A caller's inputs: the recipe and a base domain, so the plan decides each app's domain.
Object.assign(defaults, { recipe: 'notes', 'base-domain': 'ci.example.test' });

const TARGETS = `- name: local
  provider: local
- name: hcloud
  provider: hcloud
  server-type: cx32
  default: false
`;

interface Scenario {
  title: string;
  event: string;
  target?: string;
  targets?: string;
  /** The targets that run, or 'bad input'. */
  expect: string[] | 'bad input';
}

const SCENARIOS: Scenario[] = [
  { title: 'pull_request', event: 'pull_request', expect: ['local'] },
  {
    title: 'pull_request with a target given',
    event: 'pull_request',
    target: 'hcloud',
    expect: ['local'],
  },
  {
    title: 'dispatch of one target',
    event: 'workflow_dispatch',
    target: 'hcloud',
    expect: ['hcloud'],
  },
  {
    title: 'dispatch of all',
    event: 'workflow_dispatch',
    target: 'all',
    expect: ['local', 'hcloud'],
  },
  {
    title: 'dispatch of nothing valid',
    event: 'workflow_dispatch',
    target: 'loc cloud',
    expect: 'bad input',
  },
  {
    title: 'a selection that leaves nothing',
    event: 'pull_request',
    targets: '- name: hcloud\n  default: false',
    expect: [],
  },
];

interface PlanJob {
  result: 'success' | 'failure';
  outputs: Record<string, string>;
  code: number | null;
}

/** The plan job: its targets step run from dist with what the workflow passes it. */
async function runPlan(scenario: Scenario): Promise<PlanJob> {
  const contexts = {
    inputs: { ...defaults, targets: scenario.targets ?? TARGETS, target: scenario.target ?? '' },
    github: { event_name: scenario.event },
  };
  const step = yaml.jobs.plan?.steps?.find((s) => s.id === 'plan');
  assert.ok(
    step && step.uses?.endsWith('/actions/targets'),
    'the plan job runs our targets action',
  );
  const with_ = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([name, value]) => [name, render(value, contexts)]),
  );
  const run = await new FakeActionsEnv().run('targets', 'main', with_, {
    env: { GITHUB_EVENT_NAME: scenario.event },
  });
  const result = run.code === 0 ? 'success' : 'failure';
  const stepContext = { plan: { outputs: run.outputs, outcome: result, conclusion: result } };
  const outputs = Object.fromEntries(
    Object.entries(yaml.jobs.plan?.outputs ?? {}).map(([name, value]) => [
      name,
      render(value, { steps: stepContext }),
    ]),
  );
  return { result, outputs, code: run.code };
}

/** Job-level status functions: success() when every needed job succeeded. */
function needsStatus(needs: Record<string, { result: string }>): Status {
  const results = Object.values(needs).map((n) => n.result);
  return {
    success: results.every((r) => r === 'success'),
    failure: results.includes('failure'),
    cancelled: false,
  };
}

/** The gate job, step by step: `if:` by the expression engine, `run:` by bash. */
function runGate(needs: Record<string, { result: string; outputs: Record<string, string> }>) {
  const contexts = { needs, inputs: defaults, github: { event_name: 'pull_request' } };
  assert.equal(isTrue(jobIf('gate'), contexts, needsStatus(needs)), true, 'the gate always runs');
  const parsedSteps = parsedJob('gate').steps;
  let failed = false;
  let log = '';
  for (const [index, step] of (yaml.jobs.gate?.steps ?? []).entries()) {
    const status = { success: !failed, failure: failed, cancelled: false };
    if (!isTrue(stepIf(parsedSteps[index]), contexts, status)) continue;
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([name, value]) => [name, render(value, contexts)]),
    );
    const shell = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''],
      {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      },
    );
    log += shell.stdout;
    if (shell.status !== 0) failed = true;
  }
  return { verdict: failed ? 'failure' : 'success', log };
}

const TEST_RESULTS = ['success', 'failure', 'cancelled', 'skipped'] as const;

describe('recipe-ci.yml, evaluated for each kind of run', () => {
  for (const scenario of SCENARIOS) {
    describe(scenario.title, () => {
      it('plan, test and matrix', async () => {
        const plan = await runPlan(scenario);
        const needs = { plan: { result: plan.result, outputs: plan.outputs } };
        const testRuns = isTrue(jobIf('test'), { needs, inputs: defaults }, needsStatus(needs));
        if (scenario.expect === 'bad input') {
          assert.equal(plan.code, 2, 'an unknown name is a bad input');
          assert.equal(plan.result, 'failure');
          assert.equal(testRuns, false);
          return;
        }
        assert.equal(plan.result, 'success', 'unselected targets are skipped, never failed');
        if (scenario.expect.length === 0) {
          assert.equal(plan.outputs['has-targets'], 'false');
          assert.equal(testRuns, false, 'an empty matrix never reaches the test job');
          return;
        }
        assert.equal(testRuns, true);
        const matrixExpression = /^\$\{\{(.*)\}\}$/s.exec(String(yaml.jobs.test?.strategy?.matrix));
        assert.ok(matrixExpression?.[1]);
        const matrix = JSON.parse(
          JSON.stringify(evaluate(matrixExpression[1], { needs }), data.replacer),
        ) as { include: Record<string, string>[] };
        assert.deepEqual(
          matrix.include.map((entry) => entry.target),
          scenario.expect,
        );
        const all = ['local', 'hcloud'];
        assert.deepEqual(
          plan.outputs.skipped?.split(',').filter(Boolean),
          all.filter((name) => !scenario.expect.includes(name)),
        );
        for (const entry of matrix.include) {
          const contexts = { matrix: entry, inputs: defaults, needs };
          const name = render((yaml.jobs.test as { name?: string }).name, contexts);
          assert.equal(name, `test (${entry.target ?? ''})`);
          // The target's own properties win over the workflow's inputs.
          const env = { PROVIDER: render(yaml.jobs.test?.env?.PROVIDER, contexts) };
          assert.equal(env.PROVIDER, entry.target === 'hcloud' ? 'hcloud' : 'local');
          const steps = yaml.jobs.test?.steps ?? [];
          const provision = steps.find((s) => s.id === 'provision');
          assert.equal(
            render(provision?.with?.['server-type'], contexts),
            entry.target === 'hcloud' ? 'cx32' : defaults['server-type'],
          );
          const readiness = parsedJob('test').steps[steps.findIndex((s) => s.name === 'Readiness')];
          assert.equal(
            isTrue(stepIf(readiness), { ...contexts, env }),
            entry.target !== 'local',
            'the runner itself needs no SSH gate',
          );
          // The plan's domain reaches oidc-realm and recipe-suite; the gated machine reaches
          // recipe-suite, except for local, where abra's server is the runner itself.
          assert.match(String(entry.domain), /^note-[0-9a-f]{6}\.ci\.example\.test$/);
          const stepContexts = {
            ...contexts,
            env,
            steps: {
              provision: {
                outputs: { hosts: '192.0.2.7', user: 'root', 'private-key-path': '/k' },
              },
              readiness: { outputs: { 'known-hosts': '/kh' } },
            },
          };
          const withOf = (id: string, name: string): string =>
            render(steps.find((s) => s.id === id)?.with?.[name], stepContexts);
          assert.equal(withOf('oidc', 'redirect-uris'), `https://${String(entry.domain)}/*`);
          assert.equal(withOf('suite', 'domain'), entry.domain);
          const local = entry.target === 'local';
          // Not local: empty, so abra's server is the handed-over host (recipe-suite checks it).
          assert.equal(withOf('suite', 'server'), local ? 'local' : '');
          assert.equal(withOf('suite', 'host'), local ? '' : '192.0.2.7');
          assert.equal(withOf('suite', 'private-key-path'), local ? '' : '/k');
          assert.equal(withOf('suite', 'known-hosts'), local ? '' : '/kh');
        }
      });

      // When the test job does not run, the gate sees it as skipped and nothing else.
      const testJobRuns = scenario.expect !== 'bad input' && scenario.expect.length > 0;
      for (const testResult of testJobRuns ? TEST_RESULTS : (['skipped'] as const)) {
        it(`the gate's verdict when the tests were ${testResult}`, async () => {
          const plan = await runPlan(scenario);
          const needs = { plan: { result: plan.result, outputs: plan.outputs } };
          assert.equal(
            isTrue(jobIf('test'), { needs, inputs: defaults }, needsStatus(needs)),
            testJobRuns,
          );
          const gate = runGate({ ...needs, test: { result: testResult, outputs: {} } });
          const nothingSelected = scenario.expect !== 'bad input' && scenario.expect.length === 0;
          const expected =
            nothingSelected || (scenario.expect !== 'bad input' && testResult === 'success')
              ? 'success'
              : 'failure';
          assert.equal(gate.verdict, expected, gate.log);
          assert.equal(
            /::notice::No target was selected/.test(gate.log),
            nothingSelected,
            gate.log,
          );
        });
      }
    });
  }
});

describe('the test job around the OIDC step', () => {
  const steps = yaml.jobs.test?.steps ?? [];
  const parsedSteps = parsedJob('test').steps;
  const index = (id: string): number => steps.findIndex((s) => s.id === id || s.name === id);
  const base = {
    inputs: { ...defaults, 'keycloak-url': 'https://sso.example.test' },
    runner: { temp: '/tmp/rt' },
  };

  it('runs only when a Keycloak URL is given, and may fail without failing the step list', () => {
    const oidc = steps[index('oidc')];
    assert.equal(oidc?.['continue-on-error'], true);
    assert.equal(isTrue(stepIf(parsedSteps[index('oidc')]), base), true);
    assert.equal(isTrue(stepIf(parsedSteps[index('oidc')]), { ...base, inputs: defaults }), false);
  });

  for (const outcome of ['success', 'failure', 'skipped']) {
    it(`oidc-realm ${outcome}: the suite runs; the env file only after success; the job fails only after failure`, () => {
      // continue-on-error keeps the job's status at success for the steps after it.
      const contexts = { ...base, steps: { oidc: { outcome, conclusion: 'success' } } };
      const suite = steps[index('suite')];
      assert.equal(isTrue(stepIf(parsedSteps[index('suite')]), contexts), true);
      assert.equal(
        render(suite?.with?.['env-file'], contexts),
        outcome === 'success' ? '/tmp/rt/recipe-ci-oidc.env' : '',
      );
      assert.equal(
        isTrue(stepIf(parsedSteps[index('The OIDC realm failed')]), contexts),
        outcome === 'failure',
      );
    });
  }
});
