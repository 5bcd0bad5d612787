/**
 * `previous: last-N` end to end, from dist/ as a runner runs it: a recipe whose 1.3 migration
 * needs 1.2's schema (test/support/recipe-repo.ts, `migrations`) passes the upgrade from 1.2 —
 * all that `previous: auto` tests — and fails the one from 1.1, which an operator who skipped
 * 1.2 takes. Both backends: the command backend with the example notes app, and the abra
 * stand-in deploying the example abra recipe on the lab's real swarm. The card built from
 * results.json names the failing path; post leaves nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildCard } from '../../src/report/card.ts';
import { loadResults } from '../../src/report/results-files.ts';
import { stackName } from '../../src/deploy/swarm.ts';
import { DockerLab, dockerUnavailable } from '../lab/docker.ts';
import { AbraStandIn } from '../support/abra-stand-in.ts';
import { FakeActionsEnv, type StepResult } from '../support/fake-actions-env.ts';
import { recipeRepo, type Migration } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Three releases; 1.3's migration only works on 1.2's data. */
const TAGS = ['1.1.0+1.1', '1.2.0+1.2', '1.3.0+1.3'];
const MIGRATIONS: Record<string, Migration> = {
  '1.1.0+1.1': { schema: 1 },
  '1.2.0+1.2': { schema: 2 },
  '1.3.0+1.3': { schema: 3, needs: 2 },
};

interface Results {
  previous: string | null;
  paths?: string[];
  notices?: string[];
  tiers: { tier: string; from?: string; status: string; reason: string }[];
}

function resultsOf(main: StepResult): Results {
  return JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as Results;
}

/** The rows of the tiers the run selected. */
const rows = (results: Results): string[] =>
  results.tiers
    .filter((t) => t.reason !== 'not selected')
    .map((t) => `${t.tier}${t.from ? ` from ${t.from}` : ''}: ${t.status}`);

/** The report card as the report action builds it from this run's results.json. */
function cardOf(main: StepResult): string {
  return buildCard({ recipe: 'notes', loaded: loadResults([main.outputs.results ?? '']) }).markdown;
}

/** What every last-2 run of the broken-when-skipped recipe must show, whatever the backend. */
function assertSkipBreaks(main: StepResult): void {
  assert.equal(main.code, 1, main.stdout + main.stderr);
  const results = resultsOf(main);
  assert.deepEqual(
    rows(results),
    ['install: passed', 'upgrade from 1.2.0+1.2: passed', 'upgrade from 1.1.0+1.1: failed'],
    main.stdout,
  );
  assert.equal(results.previous, '1.2.0+1.2');
  assert.deepEqual(results.paths, ['1.2.0+1.2', '1.1.0+1.1']);
  assert.equal(
    results.tiers.find((t) => t.from === '1.1.0+1.1')?.reason,
    'not healthy after the upgrade from 1.1.0+1.1',
  );
  assert.match(main.stdout, /▶ upgrade from 1\.2\.0\+1\.2\n/);
  assert.match(main.stdout, /notes: upgrade from 1\.1\.0\+1\.1 failed \(not healthy after/);
  assert.match(main.summary, /upgraded from each of 1\.2\.0\+1\.2, 1\.1\.0\+1\.1/);
  assert.match(main.summary, /\| upgrade from 1\.1\.0\+1\.1 \| 1 \| failed \|/);
  const junit = readFileSync(main.outputs.junit ?? '', 'utf8');
  assert.match(
    junit,
    /<testsuite name="notes upgrade from 1\.1\.0\+1\.1" tests="\d+" failures="1"/,
  );
  const card = cardOf(main);
  assert.match(card, /\| L1 \| ✅ \| ❌ from 1\.1\.0\+1\.1 \|/, card);
  assert.match(card, /\| upgrade from 1\.2\.0\+1\.2 \| ✅ passed \|/);
}

describe('previous: last-N with the command backend', () => {
  const suite = (
    runner: FakeActionsEnv,
    phase: 'main' | 'post',
    given: Record<string, string>,
    state?: Record<string, string>,
  ) =>
    runner.run(
      'recipe-suite',
      phase,
      { recipe: 'notes', backend: 'command', 'base-domain': 'ci.example.test', ...given },
      { state },
    );

  it('the path from 1.2 passes, the path from 1.1 fails on 1.3’s migration; auto saw nothing', async () => {
    const repo = recipeRepo({ tags: TAGS, migrations: MIGRATIONS, candidate: '1.3.0+1.3' });
    const tiers = 'install,upgrade';

    const auto = new FakeActionsEnv();
    const passing = await suite(auto, 'main', { 'recipe-path': repo, tiers });
    // Post runs whatever the assertions say: a failing test leaves no app running.
    const autoPost = await suite(auto, 'post', { 'recipe-path': repo }, passing.state);
    assert.equal(passing.code, 0, passing.stdout + passing.stderr);
    assert.deepEqual(rows(resultsOf(passing)), ['install: passed', 'upgrade: passed']);
    assert.equal(autoPost.code, 0, autoPost.stdout);

    const runner = new FakeActionsEnv();
    const given = { 'recipe-path': repo, tiers, previous: 'last-3' };
    const main = await suite(runner, 'main', given);
    const saved = JSON.parse(main.state['suite-run'] ?? '{}') as { env: Record<string, string> };
    const stateDir = saved.env.RECIPE_CI_STATE_DIR ?? '';
    const pid = Number(readFileSync(join(stateDir, 'app.pid'), 'utf8'));
    const post = await suite(runner, 'post', given, main.state);
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the app is stopped');
    assertSkipBreaks(main);
    assert.match(
      main.stdout,
      /migration to schema 3 needs schema 2, found 1/,
      'the app log says why',
    );
    // Three asked, two published below the candidate: a notice, and both paths run.
    assert.match(
      main.stdout,
      /::notice::previous: last-3 asks for 3 releases below the candidate, but 2 are published: testing the upgrade from 1\.2\.0\+1\.2, 1\.1\.0\+1\.1/,
    );
    assert.match(main.summary, /ℹ previous: last-3 asks for 3 releases/);
    assert.match(main.summary, /\| upgrade × 2 paths \|/, 'the time plan counted both paths');
  });

  it('last-0 and last-x are refused, naming the input, before anything deploys', async () => {
    const repo = recipeRepo({ tags: TAGS, candidate: '1.3.0+1.3' });
    for (const previous of ['last-0', 'last-x']) {
      const main = await suite(new FakeActionsEnv(), 'main', { 'recipe-path': repo, previous });
      assert.equal(main.code, 2, main.stdout);
      assert.match(main.stdout, new RegExp(`previous.*"${previous}" is not last-N`));
      assert.doesNotMatch(main.stdout, /▶ install/);
      assert.equal(main.state['suite-run'], undefined, 'nothing for post to remove');
    }
  });

  it('a plan whose paths do not fit the job says which N would, before anything deploys', async () => {
    const repo = recipeRepo({
      tags: ['1.0.0+1.0', ...TAGS],
      candidate: '1.3.0+1.3',
      change: (dir) => {
        const config = join(dir, '.recipe-ci.yml');
        writeFileSync(
          config,
          readFileSync(config, 'utf8').replace(
            'install:\n    timeout: 1m',
            'install:\n    timeout: 5m\n  upgrade:\n    timeout: 10m',
          ),
        );
      },
    });
    const main = await suite(new FakeActionsEnv(), 'main', {
      'recipe-path': repo,
      tiers: 'install,upgrade',
      previous: 'last-3',
      'job-timeout': '30m',
    });
    assert.equal(main.code, 2, main.stdout);
    assert.match(main.stdout, /upgrade 10m × 3 paths/);
    assert.match(main.stdout, /use previous: last-1 \(needs 2\dm/);
    assert.doesNotMatch(main.stdout, /▶ install/);
  });
});

const unavailable = dockerUnavailable();

describe(
  'previous: last-N with the abra backend on the real swarm (abra stand-in)',
  { skip: unavailable },
  () => {
    let lab: DockerLab;
    let madeProxy = false;
    const standIn = new AbraStandIn();
    const suite = (
      phase: 'main' | 'post',
      given: Record<string, string>,
      state?: Record<string, string>,
    ) =>
      new FakeActionsEnv().run(
        'recipe-suite',
        phase,
        { recipe: 'notes', server: 'local', 'base-domain': 'ci.example.test', ...given },
        { state, env: standIn.env({ dockerHost: lab.host }) },
      );

    before(async () => {
      lab = await DockerLab.start();
      await lab.ensureSwarm();
      lab.busybox(...['1.1', '1.2', '1.3'].map((v) => `recipe-ci-busybox:${v}`));
      madeProxy =
        (await lab.docker(['network', 'create', '--driver', 'overlay', '--attachable', 'proxy']))
          .code === 0;
    });
    after(async () => {
      if (madeProxy) await lab.docker(['network', 'rm', 'proxy']);
      await lab.close();
    });

    it('the example abra recipe: the path from 1.1 fails on 1.3’s migration, the card names it; post removes every object', async () => {
      const repo = recipeRepo({
        fixture: 'recipe-abra-notes',
        tags: TAGS,
        migrations: MIGRATIONS,
        candidate: '1.3.0+1.3',
      });
      // A crash-looping release is seen as not healthy within the health timeout: keep it short.
      const config = join(tempDir('recipe-ci-config-'), 'recipe-ci.yml');
      writeFileSync(
        config,
        readFileSync(join(repo, '.recipe-ci.yml'), 'utf8').replace('timeout: 1m', 'timeout: 20s'),
      );
      const given = { 'recipe-path': repo, config, tiers: 'install,upgrade', previous: 'last-2' };
      const main = await suite('main', given);
      const stack = stackName(main.outputs.domain ?? '');
      const post = await suite('post', given, main.state);
      assert.equal(post.code, 0, post.stdout + post.stderr);
      for (const kind of ['service', 'secret', 'volume'] as const) {
        const left = [...(await lab.names(kind))].filter((n) => n.startsWith(`${stack}_`));
        assert.deepEqual(left, [], `no ${kind} of the app is left`);
      }
      assertSkipBreaks(main);
      assert.match(main.stdout, /data verify: passed/, 'the path from 1.2 kept the seeded note');
      assert.match(
        main.stdout,
        /_app\.1\trecipe-ci-busybox:1\.3\tShutdown\tFailed .*"task: non-zero exit \(1\)"/,
        'the candidate’s migration refused 1.1’s data: its task exits 1',
      );
      assert.match(
        main.stdout,
        /_app\.1\.\w+@\S+ +\| migration to schema 3 needs schema 2, found 1/,
        'abra app logs shows why',
      );
    });
  },
);
