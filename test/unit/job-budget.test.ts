/**
 * The job deadline and recipe-suite's time plan, without a runner: which deadline wins, how a
 * wait is bounded and what it says, a tier's budget as the limit of what runs inside it, and the
 * plan's arithmetic and knobs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundOf, jobDeadlineFrom, JOB_SLACK_MS } from '../../src/platform/job-deadline.ts';
import { parseRecipeConfig } from '../../src/recipe/config.ts';
import { OPT_IN_TIERS, TIERS, type TierName } from '../../src/recipe/tiers.ts';
import { budgetProblem, budgetRows, planBudget } from '../../src/suite/budget.ts';
import { SuiteClock } from '../../src/suite/clock.ts';

const T0 = Date.parse('2026-12-03T10:00:00Z');
const MIN = 60_000;
/** What a run selects unless told otherwise: every tier but the opt-in ones (lint). */
const DEFAULT_TIERS = new Set<TierName>(TIERS.filter((tier) => !OPT_IN_TIERS.has(tier)));

test('the earlier of the recorded deadline and this step’s job-timeout wins; a bad record is named', () => {
  const recorded = new Date(T0 + 30 * MIN).toISOString();
  assert.equal(jobDeadlineFrom(recorded, 60 * MIN, T0)?.at, T0 + 30 * MIN);
  assert.equal(jobDeadlineFrom(recorded, 10 * MIN, T0)?.at, T0 + 10 * MIN);
  assert.equal(jobDeadlineFrom(undefined, 10 * MIN, T0)?.from, 'job-timeout of 10m');
  assert.equal(jobDeadlineFrom('', undefined, T0), undefined, 'neither: no deadline');
  assert.throws(
    () => jobDeadlineFrom('soon', undefined, T0),
    /RECIPE_CI_JOB_DEADLINE is "soon", not a time; remove it/,
  );
});

test('a wait takes the smaller of its own budget and what is left less the slack, and says which', () => {
  const deadline = jobDeadlineFrom(undefined, 20 * MIN, T0);
  assert.deepEqual(boundOf(deadline, 10 * MIN, JOB_SLACK_MS, T0), {
    ms: 10 * MIN,
    by: 'own',
    describe: '10m (its own timeout)',
  });
  assert.deepEqual(boundOf(deadline, 10 * MIN, JOB_SLACK_MS, T0 + 12 * MIN), {
    ms: 5 * MIN,
    by: 'deadline',
    describe: "5m (what is left of the job's job-timeout of 20m, less 3m slack)",
  });
  assert.equal(boundOf(deadline, 10 * MIN, JOB_SLACK_MS, T0 + 19 * MIN).ms, 0, 'never below 0');
  assert.equal(boundOf(deadline, 10 * MIN, 0, T0 + 19 * MIN).ms, MIN, 'post keeps the slack');
  assert.equal(boundOf(undefined, 10 * MIN).by, 'own', 'no deadline: as before');
});

test('a tier’s budget limits every command in it; the deadline cuts the budget; diagnostics get their own', () => {
  let now = T0;
  const clock = new SuiteClock(jobDeadlineFrom(undefined, 20 * MIN, T0), JOB_SLACK_MS, () => now);
  clock.enter('install', 8 * MIN);
  assert.equal(clock.limit(5 * MIN), 5 * MIN, 'a custom test’s own timeout, when smaller');
  now += 6 * MIN;
  assert.equal(clock.limit(5 * MIN), 2 * MIN, 'what is left of the tier');
  assert.equal(clock.spent(), false);
  now += 2 * MIN;
  assert.equal(clock.limit(), 0);
  assert.equal(clock.spent(), true);
  // 8 minutes in: 12 left of the job, 9 less the slack — less than upgrade's own 12.
  const upgrade = clock.enter('upgrade', 12 * MIN);
  assert.equal(upgrade.bound.by, 'deadline');
  assert.equal(clock.limit(), 9 * MIN);
  now += 9 * MIN;
  clock.enter('diagnostics', MIN);
  assert.equal(clock.limit(), MIN, 'diagnostics run in the slack');
});

test('the plan: selected, applicable tiers and a teardown per attempt, × repeat, + slack; the knobs when it does not fit', () => {
  const config = parseRecipeConfig(
    'version: 1\ntiers:\n  install:\n    timeout: 10m\n  backup:\n    not-applicable: no data\n',
    '.recipe-ci.yml',
  );
  const budget = planBudget(config, DEFAULT_TIERS, 2, jobDeadlineFrom(undefined, 60 * MIN, T0), T0);
  // (install 10m + upgrade 12m + restore 6m + custom 6m + teardown 5m) × 2 + 3m.
  assert.equal(budget.totalMs, (10 + 12 + 6 + 6 + 5) * 2 * MIN + 3 * MIN);
  assert.deepEqual(budgetRows(budget).slice(0, 2), [
    ['install', '10m', 'tiers.install.timeout'],
    ['upgrade', '12m', 'default'],
  ]);
  assert.equal(
    budgetProblem(budget, '.recipe-ci.yml'),
    "the plan needs 1h21m (install 10m + upgrade 12m + restore 6m + custom 6m + teardown 5m = 39m, × repeat 2 = 1h18m, + slack 3m = 1h21m), but 1h is left of the job's job-timeout of 1h; lower tiers.upgrade.timeout in .recipe-ci.yml (now 12m), or select fewer tiers, or lower repeat (now 2), or raise the job's timeout-minutes and job-timeout",
  );
  const once = planBudget(config, DEFAULT_TIERS, 1, jobDeadlineFrom(undefined, 60 * MIN, T0), T0);
  assert.equal(budgetProblem(once, '.recipe-ci.yml'), undefined, '42m fits in 1h');
  assert.equal(
    budgetProblem(planBudget(config, DEFAULT_TIERS, 9, undefined), '.recipe-ci.yml'),
    undefined,
    'no deadline: nothing to plan against, the run goes ahead as before',
  );
});

test('a tier that is not selected takes nothing of the plan; lint, selected, takes its 2m', () => {
  const config = parseRecipeConfig('', '.recipe-ci.yml');
  const without = planBudget(config, DEFAULT_TIERS, 1, undefined);
  assert.equal(
    without.attempt.some((line) => line.item === 'lint'),
    false,
  );
  const withLint = planBudget(config, new Set<TierName>([...DEFAULT_TIERS, 'lint']), 1, undefined);
  assert.equal(withLint.totalMs - without.totalMs, 2 * MIN);
  assert.deepEqual(budgetRows(withLint)[5], ['lint', '2m', 'default']);
  const lintOnly = planBudget(config, new Set<TierName>(['lint']), 1, undefined);
  assert.deepEqual(
    lintOnly.attempt.map((line) => `${line.item} ${String(line.ms / MIN)}m`),
    ['lint 2m', 'teardown 5m'],
  );
});
