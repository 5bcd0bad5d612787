/**
 * The recipe-suite action as a runner runs it (dist/recipe-suite/main.js, then post.js) on the
 * example notes recipe with the command backend: outputs, results.json, JUnit, summary, and a
 * teardown that happens after success and after a SIGTERM between deploy and post.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import { recipeRepo } from '../support/recipe-repo.ts';

async function step(
  runner: FakeActionsEnv,
  phase: 'main' | 'post',
  inputs: Record<string, string>,
  state: Record<string, string> = {},
  onStdout?: Parameters<typeof runProcess>[2],
): Promise<StepResult> {
  return runner.run('recipe-suite', phase, inputs, { state, onStdout });
}

function inputs(repo: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    recipe: 'notes',
    'recipe-path': repo,
    backend: 'command',
    'base-domain': 'ci.example.test',
    ...extra,
  };
}

/** Whether the app of a run still runs: its pid file and process. */
function appRunning(stateDir: string): boolean {
  const pidFile = join(stateDir, 'app.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

function stateDirOf(result: StepResult): string {
  const saved = JSON.parse(result.state['suite-run'] ?? '{}') as { env?: Record<string, string> };
  const dir = saved.env?.RECIPE_CI_STATE_DIR;
  assert.ok(dir, 'the run dir is in state for post');
  return dir;
}

describe('the recipe-suite action from dist/', () => {
  it('a passing run: outputs, results.json, JUnit, summary; post removes the app', async () => {
    const runner = new FakeActionsEnv();
    const repo = recipeRepo({ candidate: '1.1.0+1.1' });
    const main = await step(runner, 'main', inputs(repo));
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs.status, 'passed');
    assert.deepEqual(
      [main.outputs.passed, main.outputs.failed, main.outputs.skipped],
      ['5', '0', '0'],
    );
    assert.match(main.outputs.domain ?? '', /^note-[0-9a-f]{6}\.ci\.example\.test$/);
    assert.equal(main.outputs.url, `https://${main.outputs.domain ?? ''}`);

    const results = JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as {
      version: number;
      candidate: string;
      previous: string;
      tiers: { tier: string; status: string; checks: unknown[] }[];
    };
    assert.equal(results.version, 1);
    assert.equal(results.candidate, '1.1.0+1.1');
    assert.equal(results.previous, '1.0.0+1.0');
    assert.deepEqual(
      results.tiers.map((t) => `${t.tier}:${t.status}`),
      ['install:passed', 'upgrade:passed', 'backup:passed', 'restore:passed', 'custom:passed'],
    );
    const junit = readFileSync(main.outputs.junit ?? '', 'utf8');
    assert.equal((junit.match(/<testsuite /g) ?? []).length, 5);
    assert.match(junit, /<testcase classname="notes upgrade" name="data verify" time="[\d.]+">/);
    assert.doesNotMatch(junit, /<failure/);

    assert.match(main.summary, /\| tier \| attempt \| status \| duration \| reason \|/);
    assert.match(
      main.summary,
      /\| upgrade \| 1 \| passed \| .* \| 1\.0\.0\+1\.0 → candidate, data kept \|/,
    );
    assert.match(main.stdout, /^::group::backup: passed — backup at .*\/backups\/\d+$/m);

    const stateDir = stateDirOf(main);
    assert.ok(appRunning(stateDir), 'the app runs until post');
    const post = await step(runner, 'post', inputs(repo), main.state);
    assert.equal(post.code, 0, post.stdout);
    assert.match(post.stdout, /removed note-[0-9a-f]{6}\.ci\.example\.test: teardown: succeeded/);
    assert.equal(appRunning(stateDir), false, 'post stopped the app');
  });

  it('SIGTERM between deploy and post: main stops, post still tears the app down', async () => {
    const runner = new FakeActionsEnv();
    const repo = recipeRepo({
      candidate: '1.1.0+1.1',
      change: (dir) => {
        const config = readFileSync(join(dir, '.recipe-ci.yml'), 'utf8');
        writeFileSync(join(dir, '.recipe-ci.yml'), `${config}  - name: slow\n    run: sleep 60\n`);
      },
    });
    let sent = false;
    const main = await step(
      runner,
      'main',
      inputs(repo, { tiers: 'install,custom' }),
      {},
      (out, child) => {
        if (!sent && out.includes('▶ custom')) {
          sent = true;
          setTimeout(() => child.kill('SIGTERM'), 300);
        }
      },
    );
    assert.ok(sent, main.stdout);
    assert.equal(main.code, 130, main.stdout + main.stderr);
    assert.equal(main.state['main-outcome'], 'cancelled');
    const stateDir = stateDirOf(main);
    assert.ok(appRunning(stateDir), 'the app was left running by the cancelled main');
    const post = await step(runner, 'post', inputs(repo), main.state);
    assert.equal(post.code, 0, post.stdout);
    assert.equal(appRunning(stateDir), false, 'post stopped the app');
  });

  it('bad inputs and configs fail with exit 2 before anything is deployed', async () => {
    const repo = recipeRepo({ candidate: '1.1.0+1.1' });
    const broken = recipeRepo({
      change: (dir) => {
        writeFileSync(join(dir, '.recipe-ci.yml'), 'commands:\n  deploy: x\n  deploi: y\n');
      },
    });
    const cases: [Record<string, string>, RegExp][] = [
      [
        inputs(repo, { tiers: 'install,smoke' }),
        /input "tiers" lists "smoke", which is not a tier/,
      ],
      [inputs(broken), /\.recipe-ci\.yml:3: commands\.deploi is not a known key here/],
      [
        inputs(repo, { previous: '0.5.0+0.5' }),
        /input "previous" "0\.5\.0\+0\.5" is not a version tag of this recipe/,
      ],
      [
        inputs(repo, { previous: '2.0.0+2.0' }),
        /input "previous" "2\.0\.0\+2\.0" is not older than the candidate 1\.1\.0\+1\.1/,
      ],
      [
        inputs(repo, { 'base-domain': '' }),
        /input "base-domain" is required when domain is not given/,
      ],
      [inputs(repo, { backend: 'abra' }), /input "server" is required with backend: abra/],
      [
        inputs(repo, { mode: 'reconcile', domain: 'notes.example.test' }),
        /input "mode" is reconcile, which moved to an action of its own: use recipe-ci\/recipe-ci\/actions\/reconcile@<ref>/,
      ],
    ];
    for (const [given, message] of cases) {
      const result = await step(new FakeActionsEnv(), 'main', given);
      assert.equal(result.code, 2, `${JSON.stringify(given)}: ${result.stdout}`);
      assert.match(result.stdout, new RegExp(`^::error::recipe-suite: ${message.source}`, 'm'));
      assert.equal(result.state['suite-run'], undefined, 'nothing deployed, nothing for post');
    }
  });
});
