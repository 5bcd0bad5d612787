/**
 * The reusable workflow's defaults fit its own job: readiness's default timeout plus
 * recipe-suite's plan for the default config (the default `tiers`, repeat 1) stays within the
 * default `timeout-minutes`, evaluated with the real defaults of both — and so does the plan with
 * the opt-in tiers added; and every recipe-ci step of the test job passes the job's budget on,
 * so the deadline is recorded by the first of them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDurationMs, formatDuration } from '../../src/shared/duration.ts';
import { parseRecipeConfig } from '../../src/recipe/config.ts';
import { OPT_IN_TIERS, TIERS, type TierName } from '../../src/recipe/tiers.ts';
import { budgetArithmetic, planBudget } from '../../src/suite/budget.ts';
import { render, workflowYaml } from './workflow-files.ts';

const workflow = workflowYaml('.github/workflows/recipe-ci.yml') as unknown as {
  on: { workflow_call: { inputs: Record<string, { default?: unknown }> } };
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
};
const defaults = workflow.on.workflow_call.inputs;

test('readiness 10m + the suite’s default plan fit the default timeout-minutes', () => {
  const jobMs = Number(defaults['timeout-minutes']?.default) * 60_000;
  const readinessMs = parseDurationMs(String(defaults['readiness-timeout']?.default)) ?? NaN;
  const tiers = String(defaults.tiers?.default).split(',') as TierName[];
  assert.deepEqual(
    tiers,
    TIERS.filter((tier) => !OPT_IN_TIERS.has(tier)),
    'the default tiers: all but the opt-in ones',
  );
  const config = parseRecipeConfig('', '.recipe-ci.yml');
  const plan = planBudget(config, new Set(tiers), 1, undefined);
  const needed = readinessMs + plan.totalMs;
  assert.ok(
    needed <= jobMs,
    `readiness ${formatDuration(readinessMs)} + suite ${budgetArithmetic(plan)} = ${formatDuration(needed)} > ${formatDuration(jobMs)}`,
  );
  // A caller that opts in to every tier still fits the default job.
  const everything = readinessMs + planBudget(config, new Set(TIERS), 1, undefined).totalMs;
  assert.equal(formatDuration(jobMs - everything), '4m', 'with lint too');
  // The figures the README's budget table shows.
  assert.equal(
    budgetArithmetic(plan),
    'install 8m + upgrade 12m + backup 4m + restore 6m + custom 6m + teardown 5m = 41m, + slack 3m = 44m',
  );
  assert.equal(formatDuration(jobMs - needed), '6m', 'left for checkout, provision, abra, OIDC');
});

test('every recipe-ci step of the test job passes job-timeout from timeout-minutes', () => {
  const ours = (workflow.jobs.test?.steps ?? []).filter((s) =>
    /actions\/(provision|readiness|oidc-realm|recipe-suite)$/.test(s.uses ?? ''),
  );
  assert.equal(ours.length, 4);
  for (const step of ours) {
    assert.equal(step.with?.['job-timeout'], '${{ inputs.timeout-minutes }}m', step.uses);
  }
});

test('examples/dispatch.yml gives each previous it offers a job that fits its paths', () => {
  const dispatch = workflowYaml('examples/dispatch.yml') as unknown as {
    on: { workflow_dispatch: { inputs: { previous: { options: string[] } } } };
    jobs: Record<string, { with?: Record<string, unknown> }>;
  };
  const readinessMs = parseDurationMs(String(defaults['readiness-timeout']?.default)) ?? NaN;
  const tiers = new Set(String(defaults.tiers?.default).split(',') as TierName[]);
  const config = parseRecipeConfig('', '.recipe-ci.yml');
  const options = dispatch.on.workflow_dispatch.inputs.previous.options;
  assert.deepEqual(options, ['auto', 'last-2', 'last-3']);
  for (const previous of options) {
    const job = Object.values(dispatch.jobs)[0]?.with ?? {};
    const minutes = Number(render(job['timeout-minutes'], { inputs: { previous } }));
    const paths = previous === 'auto' ? 1 : Number(previous.slice('last-'.length));
    const plan = planBudget(config, tiers, 1, undefined, Date.now(), paths);
    const needed = readinessMs + plan.totalMs;
    assert.ok(
      needed + 6 * 60_000 <= minutes * 60_000,
      `${previous}: readiness + ${budgetArithmetic(plan)} = ${formatDuration(needed)}, and 6m for checkout, provision, abra and OIDC, in ${String(minutes)}m`,
    );
  }
});
