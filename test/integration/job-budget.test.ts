/**
 * One time budget for the whole job, through the actions as a runner runs them (dist/): the job
 * deadline recorded for later steps, recipe-suite's plan made before anything is deployed (too
 * long: exit 2 with the arithmetic; with repeat: fits and runs), a tier that overruns its own
 * budget while the others keep theirs, and a provision create-command that hangs past the
 * deadline (ended, reported, and post still destroys).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JOB_DEADLINE_VARIABLE, JOB_SLACK_MS } from '../../src/platform/job-deadline.ts';
import { FakeActionsEnv } from '../support/fake-actions-env.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

function suiteInputs(repo: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    recipe: 'notes',
    'recipe-path': repo,
    backend: 'command',
    'base-domain': 'ci.example.test',
    ...extra,
  };
}

/** The recipe's config with `edit` applied, committed as the candidate. */
function repoWithConfig(edit: (config: string) => string): string {
  return recipeRepo({
    candidate: '1.1.0+1.1',
    change: (dir) => {
      const file = join(dir, '.recipe-ci.yml');
      writeFileSync(file, edit(readFileSync(file, 'utf8')));
    },
  });
}

describe('recipe-suite plans its time before anything is deployed', () => {
  it('a plan that does not fit: exit 2, nothing deployed, the arithmetic and the knobs', async () => {
    const runner = new FakeActionsEnv();
    const repo = recipeRepo({ candidate: '1.1.0+1.1' });
    const main = await runner.run(
      'recipe-suite',
      'main',
      suiteInputs(repo, { 'job-timeout': '20m' }),
    );
    assert.equal(main.code, 2, main.stdout);
    // install 1m (the fixture's), upgrade 12m, backup 4m, restore 6m, custom 6m, teardown 5m;
    // the fixture's screenshot 20s once.
    assert.match(
      main.stdout,
      /the plan needs 37m20s \(install 1m \+ upgrade 12m \+ backup 4m \+ restore 6m \+ custom 6m \+ teardown 5m = 34m, \+ screenshot 20s, \+ slack 3m = 37m20s\), but 20m is left of the job's job-timeout of 20m; lower tiers\.upgrade\.timeout in \.recipe-ci\.yml \(now 12m\), or select fewer tiers, or raise the job's timeout-minutes and job-timeout/,
    );
    assert.equal(main.outputs.domain, undefined, 'no app was named, so none was deployed');
    assert.equal(main.state['suite-run'], undefined, 'post has nothing to remove');
    assert.match(main.summary, /\| total \| 37m20s \|/, 'the plan table is in the summary');
    assert.ok(
      !Number.isNaN(Date.parse(main.exported[JOB_DEADLINE_VARIABLE] ?? '')),
      'the first step given job-timeout recorded the deadline as a time',
    );
  });

  it('a plan that fits with repeat runs every attempt; later steps read the recorded deadline', async () => {
    const runner = new FakeActionsEnv();
    const repo = recipeRepo({ candidate: '1.1.0+1.1' });
    // (install 1m + teardown 5m) × 2 + screenshot 20s (once) + slack 3m = 15m20s, within 16m.
    const main = await runner.run(
      'recipe-suite',
      'main',
      suiteInputs(repo, { tiers: 'install', repeat: '2', 'job-timeout': '16m' }),
    );
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.match(main.summary, /\| × repeat 2 \|/);
    assert.match(main.summary, /\| screenshot \(once\) \| 20s \| screenshot\.timeout \|/);
    assert.match(main.summary, /\| total \| 15m20s \|/);
    const results = JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as {
      tiers: { tier: string; attempt: number; status: string }[];
    };
    assert.deepEqual(
      results.tiers.filter((t) => t.tier === 'install').map((t) => [t.attempt, t.status]),
      [
        [1, 'passed'],
        [2, 'passed'],
      ],
    );
    const recorded = Date.parse(main.exported[JOB_DEADLINE_VARIABLE] ?? '');
    assert.ok(Math.abs(recorded - (Date.now() + 16 * 60_000)) < 5 * 60_000, 'about 16m from now');
    // A later step of the same job: the recorded deadline, not its own later start, decides.
    const later = await runner.run(
      'recipe-suite',
      'main',
      suiteInputs(recipeRepo({ candidate: '1.1.0+1.1' }), {
        tiers: 'install',
        repeat: '3',
        'job-timeout': '60m',
      }),
    );
    assert.equal(later.code, 2, later.stdout);
    assert.match(later.stdout, /is left of the job's deadline \(RECIPE_CI_JOB_DEADLINE\)/);
    await runner.run('recipe-suite', 'post', suiteInputs(repo), { state: main.state });
  });

  it('a tier that overruns its own budget fails with "timed out" and diagnostics; the tiers after it keep theirs', async () => {
    const runner = new FakeActionsEnv();
    const repo = repoWithConfig((config) =>
      config
        .replace('  backup: ci/on-machine.sh backup.sh', '  backup: sleep 60')
        .replace('  logs: ci/on-machine.sh logs.sh', '  logs: echo "app log at the overrun"')
        .replace('tiers:\n', 'tiers:\n  backup:\n    timeout: 3s\n'),
    );
    const started = Date.now();
    const main = await runner.run('recipe-suite', 'main', suiteInputs(repo));
    assert.equal(main.code, 1, main.stdout);
    assert.ok(Date.now() - started < 55_000, 'the sleeping backup did not run its 60 s');
    const results = JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as {
      tiers: { tier: string; status: string; reason: string; diagnostics?: string }[];
    };
    const byTier = Object.fromEntries(results.tiers.map((t) => [t.tier, t]));
    const backup = byTier.backup;
    assert.ok(backup);
    assert.equal(backup.status, 'failed');
    assert.equal(backup.reason, "timed out after 3s (the tier's budget, tiers.backup.timeout)");
    assert.match(
      backup.diagnostics ?? '',
      /app log at the overrun/,
      'diagnostics were collected after the overrun, on their own budget',
    );
    assert.equal(byTier.restore?.status, 'blocked', 'restore needs the backup that timed out');
    assert.equal(byTier.custom?.status, 'passed', 'custom had its own budget');
    assert.equal(byTier.upgrade?.status, 'passed');
    const post = await runner.run('recipe-suite', 'post', suiteInputs(repo), { state: main.state });
    assert.equal(post.code, 0, post.stdout);
  });
});

describe('provision under the job deadline', () => {
  it('a create-command that hangs past the deadline is ended and reported; post still destroys', async () => {
    const dir = tempDir('recipe-ci-cloud-');
    const runner = new FakeActionsEnv();
    const inputs = {
      provider: 'command',
      'create-command': `echo started > ${dir}/created; sleep 600`,
      'destroy-command': `echo "$RECIPE_CI_NAME" > ${dir}/destroyed`,
    };
    // Four seconds before the slack begins: what an earlier step of the job recorded.
    const deadline = new Date(Date.now() + JOB_SLACK_MS + 4000).toISOString();
    const env = { [JOB_DEADLINE_VARIABLE]: deadline, GITHUB_RUN_ID: '4242' };
    const started = Date.now();
    const main = await runner.run('provision', 'main', inputs, { env });
    assert.equal(main.code, 1, main.stdout);
    assert.ok(Date.now() - started < 60_000, 'not the 600 s the command asked for');
    assert.match(
      main.stdout,
      /the machine must be up within \d+s \(what is left of the job's deadline \(RECIPE_CI_JOB_DEADLINE\), less 3m slack\)/,
    );
    assert.match(
      main.stdout,
      /the machine was not up within \d+s .*; the post step destroys what was made/,
    );
    assert.ok(existsSync(join(dir, 'created')), 'the command did start');
    const post = await runner.run('provision', 'post', inputs, { state: main.state, env });
    assert.equal(post.code, 0, post.stdout);
    assert.match(readFileSync(join(dir, 'destroyed'), 'utf8'), /\S/, 'destroy-command ran by name');
  });
});
