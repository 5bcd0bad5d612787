/**
 * The tier engine with the command backend, for real: the example notes recipe in
 * test/fixtures runs as a local HTTP service with a data directory, in a real git repository
 * tagged 1.0.0+1.0, 1.1.0+1.1 and 2.0.0+2.0. Every tier does real work: data seeded on the
 * previous version must survive the upgrade, a restore must bring mutated data back.
 */
import assert from 'node:assert/strict';
import { SuiteClock } from '../../src/suite/clock.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandBackend } from '../../src/deploy/command-backend.ts';
import { readRecipeConfig } from '../../src/recipe/config.ts';
import { runSuite } from '../../src/suite/engine.ts';
import { httpHealthGate } from '../../src/deploy/health.ts';
import { planRun } from '../../src/suite/plan.ts';
import { buildRunEnv } from '../../src/recipe/run-env.ts';
import { OPT_IN_TIERS, TIERS, type TierName } from '../../src/recipe/tiers.ts';
import type { TierResult } from '../../src/suite/tier-result.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

async function suite(
  repo: string,
  options: { tiers?: TierName[]; allowMajor?: boolean; repeat?: number; failFast?: boolean } = {},
): Promise<TierResult[]> {
  const work = tempDir('recipe-ci-run-');
  const config = await readRecipeConfig(join(repo, '.recipe-ci.yml'));
  const signal = new AbortController().signal;
  const env = await buildRunEnv({
    recipe: 'notes',
    domain: 'notes.example.test',
    url: 'http://notes.example.test',
    stateDir: join(work, 'state'),
    candidateDir: repo,
    configEnv: config.env,
    envFile: undefined,
  });
  const clock = new SuiteClock(undefined);
  const backend = commandBackend({ config, env, signal, timeoutMs: () => clock.limit() });
  const { plan } = await planRun({
    recipePath: repo,
    workDir: work,
    // The run's default: every tier but the opt-in ones (lint).
    tiers: new Set(options.tiers ?? TIERS.filter((tier) => !OPT_IN_TIERS.has(tier))),
    previous: 'auto',
    allowMajor: options.allowMajor ?? false,
    failFast: options.failFast ?? false,
    repeat: options.repeat ?? 1,
    oidc: false,
  });
  try {
    return await runSuite(plan, {
      config,
      backend,
      httpHealth: httpHealthGate(config, env, signal),
      clock,
      env,
      cwd: repo,
      signal,
    });
  } finally {
    await backend.teardown();
  }
}

/** The (last) result of `tier`, which must be there. */
function tierResult(results: TierResult[], tier: TierName): TierResult {
  const result = results.findLast((r) => r.tier === tier);
  assert.ok(result, `a result for ${tier}`);
  return result;
}

function statuses(results: TierResult[]): string[] {
  return results.map((r) => `${r.tier}:${r.status}`);
}

describe('recipe-suite tiers with the command backend', () => {
  it('candidate 1.1: install, upgrade from 1.0 keeping data, backup, restore, custom', async () => {
    const results = await suite(recipeRepo({ candidate: '1.1.0+1.1' }));
    assert.deepEqual(
      statuses(results),
      ['install:passed', 'upgrade:passed', 'backup:passed', 'restore:passed', 'custom:passed'],
      JSON.stringify(results, null, 2),
    );
    const upgrade = tierResult(results, 'upgrade');
    assert.equal(upgrade.reason, '1.0.0+1.0 → candidate, data kept');
    assert.deepEqual(
      upgrade.checks.map((c) => `${c.name}:${c.status}`),
      [
        'deploy 1.0.0+1.0:passed',
        'health after deploying 1.0.0+1.0 (command):passed',
        'health after deploying 1.0.0+1.0:passed',
        'data seed:passed',
        'upgrade 1.0.0+1.0 → candidate:passed',
        'health after upgrade (command):passed',
        'health after upgrade:passed',
        'data verify:passed',
      ],
    );
    const restored = tierResult(results, 'restore').checks.find((c) => c.name === 'data verify');
    assert.match(restored?.output ?? '', /seeded before the upgrade/);
  });

  it('a major bump with release notes asking for a migration is held, quoting them; allow-major runs it', async () => {
    const repo = recipeRepo({
      notes: { '2.0.0+2.0': '# 2.0\n\nManual migration needed: move the notes.\n' },
    });
    const held = await suite(repo, { tiers: ['upgrade'] });
    const upgrade = tierResult(held, 'upgrade');
    assert.equal(upgrade.status, 'held');
    assert.match(
      upgrade.reason,
      /major upgrade \(recipe 1 → 2, app 1 → 2\) from 1\.1\.0\+1\.1 to 2\.0\.0\+2\.0/,
    );
    assert.match(upgrade.reason, /"Manual migration needed: move the notes\."/);
    const allowed = await suite(repo, { tiers: ['upgrade'], allowMajor: true });
    assert.equal(tierResult(allowed, 'upgrade').status, 'passed');
  });

  it('a broken upgrade fails with the app’s own output; later tiers are blocked, not failed', async () => {
    const repo = recipeRepo({
      change: (dir) => {
        const app = readFileSync(join(dir, 'app.mjs'), 'utf8');
        writeFileSync(
          join(dir, 'app.mjs'),
          app
            .replace(
              'mkdirSync(dataDir, { recursive: true });',
              "mkdirSync(dataDir, { recursive: true });\nif (existsSync(file)) throw new Error('cannot read notes written by an older version');",
            )
            .replace('import { mkdirSync,', 'import { existsSync, mkdirSync,'),
        );
      },
    });
    const results = await suite(repo, { tiers: ['upgrade', 'restore'] });
    const upgrade = tierResult(results, 'upgrade');
    assert.equal(upgrade.status, 'failed');
    // An untagged candidate upgrades from the newest published version.
    assert.equal(upgrade.reason, 'not healthy after the upgrade from 2.0.0+2.0');
    const health = upgrade.checks.find((c) => c.name === 'health after upgrade');
    assert.match(health?.message ?? '', /ECONNREFUSED/);
    assert.match(upgrade.diagnostics ?? '', /Error: cannot read notes written by an older version/);
    assert.equal(tierResult(results, 'restore').status, 'blocked');
  });

  it('a failed teardown blocks the next deploy instead of deploying on top of the old app', async () => {
    // The first teardown fails (as a cancel cutting ci/stop.sh short would); later ones work.
    const repo = recipeRepo({
      change: (dir) => {
        const file = join(dir, '.recipe-ci.yml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace(
            /^ {2}teardown: .*$/m,
            `  teardown: if [ -e "$RECIPE_CI_STATE_DIR/tried" ]; then ci/stop.sh; else touch "$RECIPE_CI_STATE_DIR/tried"; exit 3; fi`,
          ),
        );
      },
    });
    const results = await suite(repo, { tiers: ['install', 'upgrade'] });
    assert.equal(tierResult(results, 'install').status, 'passed');
    const upgrade = tierResult(results, 'upgrade');
    assert.equal(upgrade.status, 'blocked');
    assert.equal(upgrade.reason, 'could not tear down the candidate before deploying 2.0.0+2.0');
    assert.deepEqual(
      upgrade.checks.map((c) => `${c.name}:${c.status}`),
      ['teardown before deploying 2.0.0+2.0:failed'],
      'nothing was deployed on top of the running candidate',
    );
  });

  it('fail-fast skips what follows a failure; unselected tiers are skipped, not red', async () => {
    const repo = recipeRepo({
      candidate: '1.1.0+1.1',
      change: (dir) => {
        writeFileSync(
          join(dir, 'ci', 'start.sh'),
          '#!/usr/bin/env bash\necho "port already in use" >&2\nexit 3\n',
        );
      },
    });
    const results = await suite(repo, { tiers: ['install', 'backup', 'custom'], failFast: true });
    assert.deepEqual(statuses(results), [
      'install:failed',
      'upgrade:skipped',
      'backup:skipped',
      'restore:skipped',
      'custom:skipped',
    ]);
    const install = tierResult(results, 'install');
    assert.equal(install.reason, 'deploy of candidate failed');
    assert.match(install.checks[0]?.output ?? '', /port already in use/);
    assert.equal(tierResult(results, 'upgrade').reason, 'not selected');
    assert.equal(tierResult(results, 'backup').reason, 'fail-fast: install failed');
  });

  it('repeat: 3 catches a custom test that fails one time in three', async () => {
    const repo = recipeRepo({
      candidate: '1.1.0+1.1',
      change: (dir) => {
        const counter = join(dir, '.flaky-count');
        const config = readFileSync(join(dir, '.recipe-ci.yml'), 'utf8');
        writeFileSync(
          join(dir, '.recipe-ci.yml'),
          `${config}  - name: sometimes\n    run: n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n+1)) > ${counter}; [ $((n+1)) -ne 2 ]\n`,
        );
      },
    });
    const results = await suite(repo, { tiers: ['install', 'custom'], repeat: 3 });
    const custom = results
      .filter((r) => r.tier === 'custom')
      .map((r) => `${String(r.attempt)}:${r.status}`);
    assert.deepEqual(
      custom,
      ['1:passed', '2:failed', '3:passed'],
      JSON.stringify(
        results.filter((r) => r.tier === 'custom'),
        null,
        1,
      ),
    );
  });
});
