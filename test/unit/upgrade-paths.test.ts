/**
 * `previous: last-N`: the input, the walk down the published releases (holds end it), the
 * upgrade tier once per path on a fake backend, the time plan counting every path, and the
 * reports (a row per path, the L2 rung naming the failing path).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Inputs } from '../../src/platform/inputs.ts';
import { parseRecipeConfig } from '../../src/recipe/config.ts';
import { OPT_IN_TIERS, TIERS, type TierName } from '../../src/recipe/tiers.ts';
import {
  lastCount,
  parseRecipeVersion,
  startingReleases,
  VersionError,
} from '../../src/recipe/versions.ts';
import { buildCard } from '../../src/report/card.ts';
import { ladderOf } from '../../src/report/levels.ts';
import { budgetProblem, budgetRows, planBudget } from '../../src/suite/budget.ts';
import { SuiteClock } from '../../src/suite/clock.ts';
import { runSuite, upgradeRuns, type SuitePlan } from '../../src/suite/engine.ts';
import { planRun, type PlanInputs } from '../../src/suite/plan.ts';
import { suiteReport, toJunit, type RunSummary } from '../../src/suite/results.ts';
import { readSuiteSettings } from '../../src/suite/settings.ts';
import type { TierResult } from '../../src/suite/tier-result.ts';
import { jobDeadlineFrom } from '../../src/platform/job-deadline.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { FakeBackend } from '../support/fake-backend.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

const DEFAULT_TIERS = new Set<TierName>(TIERS.filter((tier) => !OPT_IN_TIERS.has(tier)));
const MIN = 60_000;

describe('the previous input', () => {
  function settingsWith(previous: string) {
    const all: Record<string, string> = {
      recipe: 'notes',
      'recipe-path': '.',
      backend: 'command',
      config: '.recipe-ci.yml',
      tiers: 'install,upgrade',
      domain: 'notes.example.test',
      'allow-major': 'false',
      repeat: '1',
      'fail-fast': 'false',
      keep: 'never',
      mode: 'run',
      previous,
    };
    return readSuiteSettings(
      new Inputs({
        get: (name) => all[name],
        label: (name) => `input "${name}"`,
        onSecret: () => undefined,
      }),
    );
  }

  it('takes auto, a tag and last-N as they are', () => {
    assert.equal(settingsWith('auto').previous, 'auto');
    assert.equal(settingsWith('1.0.0+1.0').previous, '1.0.0+1.0');
    assert.equal(settingsWith('last-3').previous, 'last-3');
    assert.equal(lastCount('last-3'), 3);
    assert.equal(lastCount('last-20'), 20);
    assert.equal(lastCount('auto'), undefined);
    assert.equal(lastCount('1.0.0+1.0'), undefined);
  });

  for (const bad of ['last-0', 'last-x', 'last-', 'last-03', 'last-21', 'last-3a']) {
    it(`refuses ${bad}, naming the input and the fix`, () => {
      assert.throws(() => lastCount(bad), VersionError);
      assert.throws(
        () => settingsWith(bad),
        (error: unknown) => {
          assert.ok(error instanceof ConfigurationError);
          assert.match(error.message, /input "previous"/);
          assert.match(error.message, new RegExp(`"${bad}" is not last-N with N from 1 to 20`));
          assert.match(error.message, /use last-3 to upgrade from each of the 3 newest releases/);
          return true;
        },
      );
    });
  }
});

describe('the walk down the releases', () => {
  function inputs(recipePath: string, change: Partial<PlanInputs> = {}): PlanInputs {
    return {
      recipePath,
      workDir: tempDir('recipe-ci-plan-'),
      tiers: DEFAULT_TIERS,
      previous: 'last-3',
      allowMajor: false,
      failFast: false,
      repeat: 1,
      oidc: false,
      ...change,
    };
  }

  const FOUR = ['1.0.0+1.0', '1.1.0+1.1', '1.2.0+1.2', '1.3.0+1.3', '1.4.0+1.4'];

  it('starts from the N newest releases below the candidate, newest first', async () => {
    const repo = recipeRepo({ tags: FOUR, candidate: '1.4.0+1.4' });
    const planned = await planRun(inputs(repo));
    assert.deepEqual(planned.paths, ['1.3.0+1.3', '1.2.0+1.2', '1.1.0+1.1']);
    assert.equal(planned.previous?.tag, '1.3.0+1.3');
    assert.equal(planned.plan.held, undefined);
    assert.deepEqual(planned.notices, []);
    const previous = planned.plan.previous;
    assert.ok('paths' in previous);
    assert.deepEqual(
      previous.paths.map((p) => p.tag),
      ['1.3.0+1.3', '1.2.0+1.2', '1.1.0+1.1'],
    );
    // Each path's files are exported from its own tag when the path runs.
    const source = await previous.paths[2]?.source();
    assert.equal(source?.version, '1.1.0+1.1');
  });

  it('too few releases: a notice, and the paths that exist', async () => {
    const repo = recipeRepo({
      tags: ['1.0.0+1.0', '1.1.0+1.1', '1.2.0+1.2'],
      candidate: '1.2.0+1.2',
    });
    const planned = await planRun(inputs(repo, { previous: 'last-5' }));
    assert.deepEqual(planned.paths, ['1.1.0+1.1', '1.0.0+1.0']);
    assert.deepEqual(planned.notices, [
      'previous: last-5 asks for 5 releases below the candidate, but 2 are published: testing the upgrade from 1.1.0+1.1, 1.0.0+1.0',
    ]);
  });

  it('no release below the candidate: the upgrade is skipped, with the notice', async () => {
    const repo = recipeRepo({ tags: ['1.0.0+1.0'], candidate: '1.0.0+1.0' });
    const planned = await planRun(inputs(repo));
    assert.ok('none' in planned.plan.previous);
    assert.equal(planned.paths, undefined);
    assert.match(planned.notices[0] ?? '', /but 0 are published$/);
  });

  it('a candidate whose compose label is wrong: the upgrade is blocked, and no path is claimed', async () => {
    const repo = recipeRepo({
      tags: ['1.0.0+1.0', '1.1.0+1.1'],
      fixture: 'recipe-abra-notes',
      change: (dir) => {
        const file = join(dir, 'compose.yml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace(/version=1\.1\.0\+1\.1/, 'version=not-a-version'),
        );
      },
    });
    const planned = await planRun(inputs(repo));
    assert.match(planned.plan.upgradeBlocked ?? '', /not-a-version/);
    assert.equal(planned.paths, undefined);
  });

  it('a major bump below stops the walk there, and the report says so', async () => {
    const repo = recipeRepo({
      tags: ['0.9.0+0.9', '1.0.0+1.0', '1.1.0+1.1', '1.2.0+1.2'],
      candidate: '1.2.0+1.2',
    });
    const planned = await planRun(inputs(repo));
    assert.deepEqual(planned.paths, ['1.1.0+1.1', '1.0.0+1.0']);
    assert.equal(planned.plan.held, undefined);
    assert.equal(planned.warnings.length, 1);
    assert.match(
      planned.warnings[0] ?? '',
      /^previous: last-3 stopped at 0\.9\.0\+0\.9, whose path crosses a hold \(major upgrade \(recipe 0 → 1, app 0 → 1\) from 0\.9\.0\+0\.9 to 1\.2\.0\+1\.2.*\); the paths from 0\.9\.0\+0\.9 and older releases are not tested$/,
    );
    // allow-major walks on.
    const allowed = await planRun(inputs(repo, { allowMajor: true }));
    assert.deepEqual(allowed.paths, ['1.1.0+1.1', '1.0.0+1.0', '0.9.0+0.9']);
    assert.deepEqual(allowed.warnings, []);
  });

  it('release notes asking for a person stop the walk at the path that crosses them', async () => {
    const repo = recipeRepo({
      tags: FOUR,
      notes: { '1.2.0+1.2': 'Manual migration: run the schema script' },
      candidate: '1.4.0+1.4',
    });
    const planned = await planRun(inputs(repo));
    // 1.3 → 1.4 crosses no notes; 1.2 → 1.4 does not cross 1.2's own notes; 1.1 → 1.4 does.
    assert.deepEqual(planned.paths, ['1.3.0+1.3', '1.2.0+1.2']);
    assert.match(
      planned.warnings[0] ?? '',
      /stopped at 1\.1\.0\+1\.1.*release notes of 1\.2\.0\+1\.2/,
    );
  });

  it('a hold on the newest path holds the upgrade as a single row, as today', async () => {
    const repo = recipeRepo({
      tags: ['1.0.0+1.0', '1.1.0+1.1', '2.0.0+2.0'],
      candidate: '2.0.0+2.0',
    });
    const planned = await planRun(inputs(repo));
    assert.match(
      planned.plan.held ?? '',
      /major upgrade \(recipe 1 → 2, app 1 → 2\) from 1\.1\.0\+1\.1/,
    );
    assert.equal(planned.previous?.tag, '1.1.0+1.1');
    assert.equal(planned.paths, undefined, 'a held upgrade runs no path');
  });

  it('picks the releases without git: newest first, below the candidate', () => {
    const tags = ['1.0.0+1', '1.1.0+1', '1.2.0-rc.1+1', '1.2.0+1', '1.3.0+1'];
    const below = startingReleases(parseRecipeVersion('1.3.0+1'), tags, 2);
    assert.deepEqual(
      below.map((v) => v.tag),
      ['1.2.0+1', '1.1.0+1'],
    );
  });
});

describe('the upgrade tier once per path', () => {
  const HOOKS = parseRecipeConfig(
    'version: 1\ndata:\n  seed: "true"\n  verify: "true"\n  mutate: "true"\n',
    '.recipe-ci.yml',
  );

  function pathsPlan(change: Partial<SuitePlan> = {}): SuitePlan {
    const start = (tag: string) => ({
      tag,
      source: () => Promise.resolve({ version: tag, dir: `/r/${tag}` }),
    });
    return {
      selected: DEFAULT_TIERS,
      candidate: { version: '1.3.0+1', dir: '/recipe' },
      previous: { paths: [start('1.2.0+1'), start('1.1.0+1'), start('1.0.0+1')] },
      held: undefined,
      failFast: false,
      repeat: 1,
      oidc: true,
      ...change,
    };
  }

  async function run(backend: FakeBackend, change: Partial<SuitePlan> = {}) {
    try {
      return await runSuite(pathsPlan(change), {
        config: HOOKS,
        backend,
        httpHealth: () => Promise.resolve({ ok: true, summary: 'GET / → 200' }),
        env: { PATH: process.env.PATH },
        cwd: process.cwd(),
        signal: new AbortController().signal,
        clock: new SuiteClock(undefined),
      });
    } finally {
      backend.close();
    }
  }

  const rows = (results: TierResult[]) =>
    results.map((r) => `${r.tier}${r.from ? ` from ${r.from}` : ''}: ${r.status}`);

  it('each path deploys its release fresh, upgrades, and the app is torn down between paths', async () => {
    const backend = new FakeBackend();
    const results = await run(backend);
    assert.deepEqual(rows(results), [
      'install: passed',
      'upgrade from 1.2.0+1: passed',
      'upgrade from 1.1.0+1: passed',
      'upgrade from 1.0.0+1: passed',
      'backup: passed',
      'restore: passed',
      'custom: skipped',
    ]);
    const upgradeCalls = backend.calls.slice(
      backend.calls.indexOf('teardown'),
      backend.calls.indexOf('backup'),
    );
    assert.deepEqual(upgradeCalls, [
      'teardown',
      'deploy 1.2.0+1',
      'health',
      'upgrade 1.3.0+1',
      'health',
      'teardown',
      'deploy 1.1.0+1',
      'health',
      'upgrade 1.3.0+1',
      'health',
      'teardown',
      'deploy 1.0.0+1',
      'health',
      'upgrade 1.3.0+1',
      'health',
    ]);
  });

  it('a path that fails is its own row; the next path still starts on a torn-down app', async () => {
    // The second upgrade call is the path from 1.1.0+1.
    const backend = new FakeBackend().fail('upgrade', 2);
    const results = await run(backend);
    assert.deepEqual(rows(results).slice(1, 4), [
      'upgrade from 1.2.0+1: passed',
      'upgrade from 1.1.0+1: failed',
      'upgrade from 1.0.0+1: passed',
    ]);
    const failed = results.find((r) => r.from === '1.1.0+1');
    assert.equal(failed?.reason, 'upgrade from 1.1.0+1 failed');
    assert.equal(failed.diagnostics, 'task app.1: exited (1)');
    const afterFailure = backend.calls.slice(backend.calls.indexOf('deploy 1.1.0+1'));
    assert.deepEqual(afterFailure.slice(0, 6), [
      'deploy 1.1.0+1',
      'health',
      'upgrade 1.3.0+1',
      'diagnostics',
      'teardown',
      'deploy 1.0.0+1',
    ]);
  });

  it('fail-fast skips the paths after a failed one, naming it', async () => {
    const results = await run(new FakeBackend().fail('upgrade', 1), { failFast: true });
    assert.deepEqual(rows(results).slice(1, 4), [
      'upgrade from 1.2.0+1: failed',
      'upgrade from 1.1.0+1: skipped',
      'upgrade from 1.0.0+1: skipped',
    ]);
    assert.equal(
      results.find((r) => r.from === '1.1.0+1')?.reason,
      'fail-fast: upgrade from 1.2.0+1 failed',
    );
  });

  it('the time plan counts the runs the engine makes: one per path, one when held or blocked', () => {
    assert.equal(upgradeRuns(pathsPlan()).length, 3);
    assert.equal(upgradeRuns(pathsPlan({ held: 'major bump' })).length, 1);
    assert.equal(upgradeRuns(pathsPlan({ upgradeBlocked: 'compose.yml:3: bad label' })).length, 1);
  });

  const upgradeRows = (results: TierResult[]) =>
    results.filter((r) => r.tier === 'upgrade').map((r) => [r.status, r.from, r.reason]);

  it('a held or blocked upgrade is one row, with no path', async () => {
    const held = await run(new FakeBackend(), { held: 'major bump' });
    assert.deepEqual(upgradeRows(held), [['held', undefined, 'major bump']]);
    const blocked = await run(new FakeBackend(), { upgradeBlocked: 'compose.yml:3: bad label' });
    assert.deepEqual(upgradeRows(blocked), [['blocked', undefined, 'compose.yml:3: bad label']]);
  });

  it('an upgrade not selected is one row saying so, not one per path', async () => {
    const results = await run(new FakeBackend(), {
      selected: new Set<TierName>(['install', 'backup']),
    });
    assert.deepEqual(upgradeRows(results), [['skipped', undefined, 'not selected']]);
  });

  it('a path whose release cannot be exported is blocked; the next path still runs', async () => {
    const plan = pathsPlan();
    assert.ok('paths' in plan.previous);
    const [first, second] = plan.previous.paths;
    assert.ok(first && second);
    plan.previous.paths = [
      { tag: first.tag, source: () => Promise.reject(new Error('git archive failed')) },
      second,
    ];
    const results = await run(new FakeBackend(), plan);
    assert.deepEqual(upgradeRows(results), [
      ['blocked', '1.2.0+1', 'cannot get the previous version: git archive failed'],
      ['passed', '1.1.0+1', '1.1.0+1 → candidate, data kept'],
    ]);
  });

  it('repeat runs every path again, each row with its attempt', async () => {
    const results = await run(new FakeBackend(), { repeat: 2 });
    assert.deepEqual(
      results
        .filter((r) => r.tier === 'upgrade')
        .map((r) => `${String(r.attempt)} ${r.from ?? ''}`),
      ['1 1.2.0+1', '1 1.1.0+1', '1 1.0.0+1', '2 1.2.0+1', '2 1.1.0+1', '2 1.0.0+1'],
    );
  });
});

describe('the time plan counts every path', () => {
  const config = parseRecipeConfig(
    'version: 1\ntiers:\n  install:\n    timeout: 8m\n  upgrade:\n    timeout: 10m\n',
    '.recipe-ci.yml',
  );
  const T0 = Date.parse('2026-12-06T00:00:00Z');

  it('upgrade × paths in the rows and the arithmetic; a plan too long says which N fits', () => {
    const selected = new Set<TierName>(['install', 'upgrade']);
    const deadline = jobDeadlineFrom(undefined, 40 * MIN, T0);
    const budget = planBudget(config, selected, 1, deadline, T0, 3);
    const rows = budgetRows(budget);
    assert.deepEqual(rows[1], ['upgrade × 3 paths', '30m', 'tiers.upgrade.timeout']);
    const problem = budgetProblem(budget, '.recipe-ci.yml') ?? '';
    assert.match(problem, /install 8m \+ upgrade 10m × 3 paths \+ teardown/);
    assert.match(
      problem,
      /; use previous: last-2 \(needs 3[0-9]m\), or lower tiers\.upgrade\.timeout/,
    );
    // One path fits where three did not.
    assert.equal(budgetProblem(planBudget(config, selected, 1, deadline, T0, 1), 'x'), undefined);
  });

  it('says when no number of paths alone would fit', () => {
    const deadline = jobDeadlineFrom(undefined, 15 * MIN, T0);
    const budget = planBudget(
      config,
      new Set<TierName>(['install', 'upgrade']),
      1,
      deadline,
      T0,
      3,
    );
    assert.match(
      budgetProblem(budget, '.recipe-ci.yml') ?? '',
      /; fewer upgrade paths alone will not do \(previous: last-1 needs \d+m/,
    );
  });
});

describe('the reports: a row per path, the rung names the failing path', () => {
  const upgrade = (from: string, status: TierResult['status'], reason = 'ok'): TierResult => ({
    tier: 'upgrade',
    attempt: 1,
    from,
    status,
    reason,
    durationMs: 1000,
    checks: [],
  });
  const install: TierResult = {
    tier: 'install',
    attempt: 1,
    status: 'passed',
    reason: 'deployed once, healthy',
    durationMs: 1000,
    checks: [],
  };
  const summary = (tiers: TierResult[]): RunSummary => ({
    recipe: 'notes',
    backend: 'command',
    domain: 'n.example.test',
    url: 'https://n.example.test',
    candidate: '1.3.0+1',
    previous: '1.2.0+1',
    paths: ['1.2.0+1', '1.1.0+1'],
    status: tiers.some((t) => t.status === 'failed') ? 'failed' : 'passed',
    tiers,
  });

  function l2(ladder: ReturnType<typeof ladderOf>) {
    const rung = ladder.rungs.find((r) => r.level === 2);
    assert.ok(rung);
    return rung;
  }

  it('L2 passes only when every path passed, and names the failing one otherwise', () => {
    const passed = ladderOf([install, upgrade('1.2.0+1', 'passed'), upgrade('1.1.0+1', 'passed')]);
    assert.equal(l2(passed).state, 'passed');
    assert.equal(l2(passed).paths, 2);
    const broken = ladderOf([
      install,
      upgrade('1.2.0+1', 'passed'),
      upgrade('1.1.0+1', 'failed', 'data seeded on 1.1.0+1 did not survive the upgrade'),
    ]);
    assert.equal(broken.level, 1);
    assert.equal(l2(broken).state, 'failed');
    assert.deepEqual(l2(broken).failedPaths, ['1.1.0+1']);
    assert.equal(
      l2(broken).reason,
      'from 1.1.0+1: data seeded on 1.1.0+1 did not survive the upgrade',
    );
  });

  it('the card, the summary and JUnit show one upgrade row per path', () => {
    const tiers = [install, upgrade('1.2.0+1', 'passed'), upgrade('1.1.0+1', 'failed', 'broke')];
    const card = buildCard({
      recipe: 'notes',
      loaded: { targets: [{ ...summary(tiers), target: 'swarm', dir: '/r' }], problems: [] },
    });
    assert.match(card.markdown, /\| swarm \| ❌ failed \| L1 \| ✅ \| ❌ from 1\.1\.0\+1 \|/);
    assert.match(card.markdown, /\| swarm \| upgrade from 1\.1\.0\+1 \| ❌ failed \|/);
    assert.match(card.markdown, /\| swarm \| upgrade from 1\.2\.0\+1 \| ✅ passed \|/);
    const markdown = suiteReport(summary(tiers)).toMarkdown();
    assert.match(markdown, /upgraded from each of 1\.2\.0\+1, 1\.1\.0\+1/);
    assert.match(markdown, /\| upgrade from 1\.1\.0\+1 \| 1 \| failed \|/);
    const junit = toJunit(summary(tiers));
    assert.match(junit, /<testsuite name="notes upgrade from 1\.1\.0\+1"/);
    assert.match(junit, /<testsuite name="notes upgrade from 1\.2\.0\+1"/);
  });
});
