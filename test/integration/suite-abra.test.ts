/**
 * The recipe-suite action with the abra backend, run from dist/ as a runner runs it, against the
 * recording abra and docker stand-ins (test/support/abra-stand-in/): the exact abra commands and
 * their order, the app env file as the first deploy saw it, a per-run ABRA_DIR, health from
 * read-only docker queries, diagnostics on failure, teardown after success, failure and SIGTERM,
 * generated secrets that never reach a report, the abra version check, and mode: janitor. The
 * stand-in models real abra's behaviours our calls must meet (each with its source in
 * test/support/abra-stand-in/abra.mjs); .github/workflows/e2e-abra.yml runs the action against
 * real abra.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { abraBackend } from '../../src/deploy/abra-backend.ts';
import { AbraStandIn, STAND_IN_BIN } from '../support/abra-stand-in.ts';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { oidcEnvFile } from '../support/oidc-env-file.ts';
import { tempDir } from '../support/temp-dir.ts';

const BASE = 'ci.example.test';
/**
 * The recording stand-in runs no containers, so these tests use the fixture's config whose data
 * hooks write into the stand-in's volume folders; .recipe-ci.yml (abra app run) is for the real
 * swarm (docker-swarm.test.ts).
 */
const RECORDED_CONFIG = '.recipe-ci.recorded.yml';

function abraRepo(options: Parameters<typeof recipeRepo>[0] = {}): string {
  return recipeRepo({ fixture: 'recipe-abra-notes', ...options });
}

function inputs(repo: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    recipe: 'notes',
    'recipe-path': repo,
    server: 'local',
    'base-domain': BASE,
    config: RECORDED_CONFIG,
    ...extra,
  };
}

async function step(
  runner: FakeActionsEnv,
  standIn: AbraStandIn,
  phase: 'main' | 'post',
  given: Record<string, string>,
  options: {
    state?: Record<string, string>;
    fail?: string[];
    lintUnsatisfied?: string[];
    version?: string;
    onStdout?: Parameters<typeof runProcess>[2];
  } = {},
): Promise<StepResult> {
  return runner.run('recipe-suite', phase, given, {
    state: options.state,
    env: standIn.env({
      fail: options.fail,
      ...(options.version === undefined ? {} : { version: options.version }),
      appLog: 'db: FATAL: password authentication failed',
      ...(options.lintUnsatisfied === undefined
        ? {}
        : { lintUnsatisfied: options.lintUnsatisfied }),
    }),
    onStdout: options.onStdout,
  });
}

function abraDirOf(result: StepResult): string {
  const saved = JSON.parse(result.state['suite-run'] ?? '{}') as { backend?: { abraDir?: string } };
  assert.ok(saved.backend?.abraDir, 'the ABRA_DIR is in state for post');
  return saved.backend.abraDir;
}

describe('recipe-suite with the abra backend (stand-in abra)', () => {
  it('a tagged candidate: the exact abra commands in order, OIDC in the env before the first deploy, post removes everything', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const given = inputs(repo, { 'env-file': oidcEnvFile() });
    const main = await step(runner, standIn, 'main', given);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs.status, 'passed');
    const domain = main.outputs.domain ?? '';
    assert.match(domain, /^note-[0-9a-f]{6}\.ci\.example\.test$/);
    const abraDir = abraDirOf(main);
    assert.ok(abraDir.startsWith(runner.dir), 'the ABRA_DIR is in the run’s own temp dir');

    // abra's own converge monitor is off (our health gate counts); the .test domain resolves
    // nowhere, so abra's domain check is skipped; secrets come as machine output, never logged.
    const deployCandidate = [
      `app new notes -s default -D ${domain} 1.1.0+1.1 -n`,
      `app secret generate ${domain} -a -m -n`,
      `app deploy ${domain} 1.1.0+1.1 --no-converge-checks --no-domain-checks -n`,
    ];
    const teardown = [`app undeploy ${domain} -n`, `app rm ${domain} --force -n`];
    assert.deepEqual(standIn.abraCommands(), [
      'server add --local -n',
      // install
      ...deployCandidate,
      // upgrade: a fresh deploy of the previous version, then abra's own upgrade
      ...teardown,
      `app new notes -s default -D ${domain} 1.0.0+1.0 -n`,
      `app secret generate ${domain} -a -m -n`,
      `app deploy ${domain} 1.0.0+1.0 --no-converge-checks --no-domain-checks -n`,
      `app upgrade ${domain} 1.1.0+1.1 --no-converge-checks -n`,
      // backup and restore on the upgraded app, each on a terminal (the stand-in, like abra,
      // stops without one)
      `app backup create ${domain} -n`,
      `app restore ${domain} -n`,
    ]);
    assert.deepEqual(
      standIn
        .calls()
        .filter((c) => c.argv[1] === 'backup' || c.argv[1] === 'restore')
        .map((c) => c.exit),
      [0, 0],
    );
    const calls = standIn.calls();
    assert.ok(
      calls.every((c) => c.abraDir === abraDir),
      'every abra and docker call ran with this run’s ABRA_DIR',
    );
    assert.deepEqual(
      calls.filter((c) => c.tool === 'docker' && c.exit !== 0),
      [],
      'docker was asked read-only queries only',
    );
    assert.ok(
      calls.some(
        (c) =>
          c.tool === 'docker' &&
          c.argv.join(' ').startsWith('service ls --filter label=com.docker.stack.namespace='),
      ),
      'replica health came from docker service ls',
    );

    const firstDeploy = calls.find((c) => c.argv[1] === 'deploy');
    const env = firstDeploy?.envFile ?? '';
    assert.match(env, /^TYPE=notes:1\.1\.0\+1\.1$/m);
    assert.match(env, new RegExp(`^DOMAIN=${domain.replace(/\./g, '\\.')}$`, 'm'));
    // The recipe's commented-out optional settings are switched on where they stand …
    assert.match(
      env,
      /^SECRET_DB_PASSWORD_VERSION=v1\n\n## Single sign-on \(optional\)\nOIDC_ISSUER=https:\/\/sso\.example\.test\/realms\/ci-notes-1\nOIDC_CLIENT_ID=notes$/m,
    );
    // … the others appended; the env file from oidc-realm beats the config's env.
    assert.match(env, /^LETS_ENCRYPT_ENV=staging$/m);
    assert.doesNotMatch(env, /^LETS_ENCRYPT_ENV=production$/m);
    assert.match(env, /# added by recipe-ci for this run\nOIDC_CLIENT_SECRET=not-a-real-secret\n$/);
    assert.equal(
      calls.filter((c) => c.argv[1] === 'deploy' || c.argv[1] === 'upgrade').length,
      3,
      'no redeploy to add OIDC later',
    );

    assert.ok(standIn.swarm().services.length > 0, 'the app runs until post');
    const post = await step(runner, standIn, 'post', given, { state: main.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.deepEqual(standIn.abraCommands().slice(-2), teardown);
    assert.deepEqual(standIn.swarm(), { services: [], secrets: [], volumes: [] });
    assert.equal(existsSync(abraDir), false, 'post removed the run’s ABRA_DIR');
  });

  it('an untagged candidate is deployed with --chaos from the checkout as it is, also after a published version moved abra’s checkout', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const repo = abraRepo({
      candidate: '1.1.0+1.1',
      change: (dir) => {
        const compose = readFileSync(join(dir, 'compose.yml'), 'utf8');
        writeFileSync(
          join(dir, 'compose.yml'),
          compose
            .replace('recipe-ci-busybox:1.1', 'recipe-ci-busybox:1.1-fix')
            // A slow start: abra's converge monitor fails a deploy still in its start_period.
            .replace(
              '    deploy:\n',
              '    healthcheck:\n      test: [CMD, "true"]\n      start_period: 5m\n    deploy:\n',
            ),
        );
      },
    });
    const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    const main = await step(runner, standIn, 'main', inputs(repo, { tiers: 'install,upgrade' }));
    assert.equal(main.code, 0, main.stdout + main.stderr);
    const domain = main.outputs.domain ?? '';
    const deploys = standIn
      .calls()
      .filter((c) => c.tool === 'abra' && (c.argv[1] === 'deploy' || c.argv[1] === 'upgrade'));
    assert.deepEqual(
      deploys.map((c) => `${c.argv.join(' ')} @ ${c.how ?? ''}:${c.head ?? ''}`),
      [
        `app deploy ${domain} --chaos --no-converge-checks --no-domain-checks -n @ chaos:${head}`,
        // The untagged candidate's version label still says 1.1.0+1.1, so it upgrades from the
        // release before that one; the deploy of a tag moves abra's checkout away from HEAD.
        `app deploy ${domain} 1.0.0+1.0 --no-converge-checks --no-domain-checks -n @ version:${execFileSync('git', ['-C', repo, 'rev-parse', '1.0.0+1.0^{commit}'], { encoding: 'utf8' }).trim()}`,
        // The healthcheck's start_period would fail abra's converge monitor: it is off.
        `app deploy ${domain} --chaos --force --no-converge-checks --no-domain-checks -n @ chaos:${head}`,
      ],
    );
    assert.ok(
      standIn.abraCommands().includes(`app new notes -s default -D ${domain} --chaos -n`),
      'app new leaves the checkout alone',
    );
    // Without --chaos, abra would read the secrets at the newest release and move the checkout.
    assert.ok(
      standIn.abraCommands().includes(`app secret generate ${domain} -a -m --chaos -n`),
      'the candidate’s secrets, from the checkout as it is',
    );
    await step(runner, standIn, 'post', inputs(repo), { state: main.state });
  });

  it('a recipe in a folder of a larger repository (no .git of its own) is committed once and deployed with --chaos', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const monorepo = tempDir('recipe-ci-monorepo-');
    const folder = join(monorepo, 'recipes', 'notes');
    cpSync(join('test', 'fixtures', 'recipe-abra-notes'), folder, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-C', monorepo, ...args]);
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-q', '-m', 'recipes');
    // A tag of the larger repository on HEAD: the copy has no tags, so still --chaos.
    git('tag', '1.0.0+1.0');
    const main = await step(runner, standIn, 'main', inputs(folder, { tiers: 'install' }));
    assert.equal(main.code, 0, main.stdout + main.stderr);
    const domain = main.outputs.domain ?? '';
    const deploy = standIn.calls().find((c) => c.tool === 'abra' && c.argv[1] === 'deploy');
    assert.equal(
      deploy?.argv.join(' '),
      `app deploy ${domain} --chaos --no-converge-checks --no-domain-checks -n`,
    );
    assert.equal(deploy.how, 'chaos');
    assert.match(deploy.head ?? '', /^[0-9a-f]{40}$/, 'abra saw a commit');
    assert.equal(existsSync(join(folder, '.git')), false, 'the checkout itself is left as it was');
    await step(runner, standIn, 'post', inputs(folder), { state: main.state });
  });

  it('lint: abra recipe lint on a terminal, on the candidate, after a failed install too; an error rule fails it, the table in results.json and JUnit', async () => {
    const standIn = new AbraStandIn();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
    type Results = {
      tiers: { tier: string; status: string; reason: string; checks: { output: string }[] }[];
    };
    const lintOf = (result: StepResult) =>
      (JSON.parse(readFileSync(result.outputs.results ?? '', 'utf8')) as Results).tiers.find(
        (t) => t.tier === 'lint',
      );

    const runner = new FakeActionsEnv();
    const given = inputs(repo, { tiers: 'install,lint' });
    const main = await step(runner, standIn, 'main', given, { fail: ['app deploy'] });
    assert.equal(main.code, 1, main.stdout);
    assert.deepEqual(
      [lintOf(main)?.status, lintOf(main)?.reason],
      ['passed', 'abra recipe lint notes --chaos --offline -n: 6 rules, 6 satisfied, 0 skipped'],
    );
    const lint = standIn.calls().find((c) => c.argv[0] === 'recipe');
    assert.equal(lint?.exit, 0, 'the stand-in, like abra, lints only on a terminal');
    assert.equal(lint.head, head.trim(), 'abra linted the candidate');
    await step(runner, standIn, 'post', given, { state: main.state });

    const again = new FakeActionsEnv();
    const lintOnly = inputs(repo, { tiers: 'lint' });
    const failing = await step(again, standIn, 'main', lintOnly, {
      lintUnsatisfied: ['R010'],
    });
    assert.equal(failing.code, 1, failing.stdout);
    assert.equal(failing.outputs.status, 'failed');
    assert.match(
      lintOf(failing)?.reason ?? '',
      /: error rules not satisfied: R010 traefik routing enabled \(include "traefik\.enable=true" deploy label\); 6 rules, 5 satisfied, 0 skipped$/,
    );
    assert.match(
      lintOf(failing)?.checks[0]?.output ?? '',
      /│ R010 +│ traefik routing enabled +│ error +│ ❌/,
    );
    const junit = readFileSync(failing.outputs.junit ?? '', 'utf8');
    assert.match(
      junit,
      /<testcase classname="notes lint" name="lint" [^>]*><failure message="[^"]*R010/,
    );
    assert.deepEqual(
      standIn.abraCommands(abraDirOf(failing)),
      ['recipe lint notes --chaos --offline -n'],
      'lint alone deploys nothing',
    );
    await step(again, standIn, 'post', lintOnly, { state: failing.state });
  });

  it('two runs at once on one server: each its own ABRA_DIR and app, neither sees the other', async () => {
    const standIn = new AbraStandIn();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const given = inputs(repo, { tiers: 'install,backup' });
    const runners = [new FakeActionsEnv(), new FakeActionsEnv()];
    const mains = await Promise.all(runners.map((r) => step(r, standIn, 'main', given)));
    for (const main of mains) assert.equal(main.code, 0, main.stdout + main.stderr);
    const dirs = mains.map(abraDirOf);
    const domains = mains.map((m) => m.outputs.domain ?? '');
    assert.notEqual(dirs[0], dirs[1]);
    assert.notEqual(domains[0], domains[1]);
    for (const [i, dir] of dirs.entries()) {
      const mine = standIn.calls().filter((c) => c.tool === 'abra' && c.abraDir === dir);
      assert.ok(mine.length >= 4);
      assert.ok(
        mine.every((c) => !c.argv.includes(domains[1 - i] ?? '')),
        'a run never touches the other run’s app',
      );
    }
    await Promise.all(
      runners.map((r, i) => step(r, standIn, 'post', given, { state: mains[i]?.state })),
    );
    assert.deepEqual(standIn.swarm(), { services: [], secrets: [], volumes: [] });
  });

  it('services that never reach their replica count fail install with task states and abra app logs; post still removes the app', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const main = await step(runner, standIn, 'main', inputs(repo, { tiers: 'install' }), {
      fail: ['replicas'],
    });
    assert.equal(main.code, 1, main.stdout);
    assert.equal(main.outputs.status, 'failed');
    const domain = main.outputs.domain ?? '';
    const results = JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as {
      tiers: { tier: string; status: string; reason: string; diagnostics?: string }[];
    };
    const install = results.tiers[0];
    assert.equal(install?.status, 'failed');
    assert.equal(install.reason, 'candidate did not become healthy');
    assert.match(install.diagnostics ?? '', /_db\.1\tstand-in:latest\tRunning\tRejected/);
    assert.match(install.diagnostics ?? '', /db: FATAL: password authentication failed/);
    assert.ok(standIn.abraCommands().includes(`app logs ${domain} -n`));
    assert.match(main.stdout, /services not at their replica counts within 5s: .*_app 0\/1/);

    const post = await step(runner, standIn, 'post', inputs(repo), { state: main.state });
    assert.equal(post.code, 0, post.stdout);
    assert.deepEqual(standIn.abraCommands().slice(-2), [
      `app undeploy ${domain} -n`,
      `app rm ${domain} --force -n`,
    ]);
    assert.deepEqual(standIn.swarm(), { services: [], secrets: [], volumes: [] });
  });

  it('a failing abra upgrade fails the upgrade tier with abra’s message; keep: on-failure keeps the app', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const given = inputs(repo, { tiers: 'upgrade', keep: 'on-failure' });
    const main = await step(runner, standIn, 'main', given, { fail: ['app upgrade'] });
    assert.equal(main.code, 1, main.stdout);
    assert.match(main.stdout, /upgrade failed \(upgrade from 1\.0\.0\+1\.0 failed\)/);
    assert.match(main.stdout, /FATA stand-in was told to fail "app upgrade"/);
    const post = await step(runner, standIn, 'post', given, { state: main.state });
    assert.equal(post.code, 0);
    assert.match(post.stdout, /keeping note-[0-9a-f]{6}\.ci\.example\.test \(keep: on-failure/);
    assert.match(post.stdout, /ABRA_DIR=.* abra app undeploy/);
    assert.ok(standIn.swarm().services.length > 0, 'kept');
  });

  it('SIGTERM between deploy and post: main stops, post undeploys and removes the app', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const repo = abraRepo({
      candidate: '1.1.0+1.1',
      change: (dir) => {
        const config = readFileSync(join(dir, RECORDED_CONFIG), 'utf8');
        writeFileSync(join(dir, RECORDED_CONFIG), `${config}  - name: slow\n    run: sleep 60\n`);
      },
    });
    let sent = false;
    const main = await step(runner, standIn, 'main', inputs(repo, { tiers: 'install,custom' }), {
      onStdout: (out, child) => {
        if (!sent && out.includes('▶ custom')) {
          sent = true;
          setTimeout(() => child.kill('SIGTERM'), 300);
        }
      },
    });
    assert.ok(sent, main.stdout);
    assert.equal(main.code, 130, main.stdout + main.stderr);
    assert.ok(standIn.swarm().services.length > 0, 'the cancelled main left the app running');
    const post = await step(runner, standIn, 'post', inputs(repo), { state: main.state });
    assert.equal(post.code, 0, post.stdout);
    const domain = main.outputs.domain ?? '';
    assert.deepEqual(standIn.abraCommands().slice(-2), [
      `app undeploy ${domain} -n`,
      `app rm ${domain} --force -n`,
    ]);
    assert.deepEqual(standIn.swarm(), { services: [], secrets: [], volumes: [] });
    assert.equal(existsSync(abraDirOf(main)), false);
  });

  it('generated secret values: masked before any log line shows them, and in none of results.json, JUnit, the summary or state', async () => {
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const given = inputs(repo, { tiers: 'install' });
    // An install that fails, so its checks and the diagnostics — where the app itself prints its
    // password (abra app logs) — go to every report.
    const main = await runner.run('recipe-suite', 'main', given, {
      env: standIn.env({ fail: ['replicas'], appLogSecrets: true }),
    });
    assert.equal(main.code, 1, main.stdout + main.stderr);
    const values = standIn.generatedSecrets();
    assert.equal(values.length, 1, 'the recipe has one secret, db_password');
    const results = readFileSync(main.outputs.results ?? '', 'utf8');
    const junit = readFileSync(main.outputs.junit ?? '', 'utf8');
    for (const value of values) {
      const lines = main.stdout.split('\n').filter((line) => line.includes(value));
      assert.equal(lines[0], `::add-mask::${value}`, 'masked before it is printed');
      assert.ok(lines.length > 1, 'the app did print it, after the mask (the runner hides it)');
      assert.ok(!main.stderr.includes(value), 'stderr');
      assert.ok(!results.includes(value), 'results.json');
      assert.ok(!junit.includes(value), 'junit.xml');
      assert.ok(!main.summary.includes(value), 'the job summary');
      assert.ok(!JSON.stringify(main.state).includes(value), 'state');
      assert.ok(!JSON.stringify(main.outputs).includes(value), 'outputs');
    }
    assert.match(results, /abra's answer withheld: 1 secret value generated for db_password/);
    assert.match(results, /using db_password \*\*\*/, 'the app log, redacted');
    const post = await runner.run('recipe-suite', 'post', given, {
      state: main.state,
      env: standIn.env(),
    });
    assert.equal(post.code, 0, post.stdout);
  });

  it('abra missing, or older than 0.13.0-beta: exit 2 before anything, naming what was found, what is needed and how to install it', async () => {
    const standIn = new AbraStandIn();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const install =
      /install abra 0\.13\.0-beta or newer: download abra_0\.13\.0-beta_linux_amd64 and checksums\.txt from https:\/\/git\.coopcloud\.tech\/toolshed\/abra\/releases\/tag\/0\.13\.0-beta/;
    const old = await step(new FakeActionsEnv(), standIn, 'main', inputs(repo), {
      version: '0.12.0-beta',
    });
    assert.equal(old.code, 2, old.stdout);
    assert.match(
      old.stdout,
      /^::error::recipe-suite: backend abra needs abra 0\.13\.0-beta or newer, and the abra on PATH is 0\.12\.0-beta \("abra version 0\.12\.0-beta-5a2a5c0"\); /m,
    );
    assert.match(old.stdout, install);
    const janitor = await step(
      new FakeActionsEnv(),
      standIn,
      'main',
      inputs(repo, { mode: 'janitor' }),
      { version: '0.10.1-beta' },
    );
    assert.equal(janitor.code, 2, janitor.stdout);
    assert.match(janitor.stdout, /the abra on PATH is 0\.10\.1-beta/);
    const missing = await new FakeActionsEnv().run('recipe-suite', 'main', inputs(repo), {
      env: { ...standIn.env(), PATH: '/usr/bin:/bin' },
    });
    assert.equal(missing.code, 2, missing.stdout);
    assert.match(
      missing.stdout,
      /^::error::recipe-suite: backend abra needs abra 0\.13\.0-beta or newer, and there is no abra on PATH \(/m,
    );
    assert.match(missing.stdout, install);
    assert.deepEqual(standIn.calls(), [], 'nothing ran: no server added, no app made');
    // abra without the docker CLI (a node:20 image with abra installed): stopped before it starts.
    const onlyAbra = tempDir('recipe-ci-only-abra-');
    writeFileSync(
      join(onlyAbra, 'abra'),
      `#!/bin/sh\nexec ${process.execPath} ${join(STAND_IN_BIN, 'abra.mjs')} "$@"\n`,
      { mode: 0o755 },
    );
    const noDocker = await new FakeActionsEnv().run('recipe-suite', 'main', inputs(repo), {
      env: { ...standIn.env(), PATH: onlyAbra },
    });
    assert.equal(noDocker.code, 2, noDocker.stdout);
    assert.match(
      noDocker.stdout,
      /^::error::recipe-suite: backend abra reads the app’s services through Docker’s CLI, and there is no docker on PATH \(.*\); install the Docker CLI/m,
    );
    assert.deepEqual(
      standIn.calls().filter((call) => !call.argv.includes('--version')),
      [],
      'only abra --version ran',
    );
    const runner = new FakeActionsEnv();
    const lintOnly = inputs(repo, { tiers: 'lint' });
    const newer = await step(runner, standIn, 'main', lintOnly, { version: '0.13.1-beta' });
    assert.equal(newer.code, 0, newer.stdout);
    assert.match(newer.stdout, /^abra 0\.13\.1-beta$/m);
    await step(runner, standIn, 'post', lintOnly, { state: newer.state });
  });

  it('bad inputs fail with exit 2 before any abra command', async () => {
    const standIn = new AbraStandIn();
    const repo = abraRepo();
    const cases: [Record<string, string>, RegExp][] = [
      [
        inputs(repo, { server: '' }),
        /input "server" is required with backend: abra; give the server/,
      ],
      [inputs(repo, { 'base-domain': '' }), /input "base-domain" is required when domain/],
      [inputs(repo, { server: 'bad host!' }), /input "server" "bad host!" is not a host name/],
      [
        inputs(repo, { mode: 'janitor', 'base-domain': '', domain: 'x.example.test' }),
        /input "base-domain" is required with mode: janitor/,
      ],
    ];
    for (const [given, message] of cases) {
      const result = await step(new FakeActionsEnv(), standIn, 'main', given);
      assert.equal(result.code, 2, `${JSON.stringify(given)}: ${result.stdout}`);
      assert.match(result.stdout, new RegExp(`^::error::recipe-suite: ${message.source}`, 'm'));
    }
    assert.deepEqual(standIn.calls(), []);
  });
});

describe('abra’s domain check, through the abra backend in process (stand-in abra)', () => {
  it('kept for a domain the runner resolves; --no-domain-checks only for one it cannot', async () => {
    const standIn = new AbraStandIn();
    const repo = abraRepo({ candidate: '1.1.0+1.1' });
    const before = { ...process.env };
    Object.assign(process.env, standIn.env());
    try {
      const deploy = async (domain: string, resolves?: boolean) => {
        const backend = abraBackend({
          recipe: 'notes',
          server: 'local',
          domain,
          abraDir: join(tempDir('recipe-ci-abra-domain-'), 'abra'),
          candidateDir: repo,
          appEnv: {},
          signal: new AbortController().signal,
          commandTimeoutMs: 60_000,
          healthTimeoutMs: 5000,
          ...(resolves === undefined ? {} : { domainResolves: () => Promise.resolve(resolves) }),
        });
        const step = await backend.deploy({ version: '1.1.0+1.1', dir: repo });
        const down = await backend.teardown();
        assert.equal(down.ok, true, down.summary);
        return step;
      };
      const local = await deploy('localhost');
      assert.equal(local.ok, true, local.summary);
      const unresolved = await deploy('note-0f0f0f.ci.example.test');
      assert.equal(unresolved.ok, true, unresolved.summary);
      assert.deepEqual(
        standIn.abraCommands().filter((c) => c.startsWith('app deploy')),
        [
          'app deploy localhost 1.1.0+1.1 --no-converge-checks -n',
          'app deploy note-0f0f0f.ci.example.test 1.1.0+1.1 --no-converge-checks --no-domain-checks -n',
        ],
      );
      // The stand-in's check bites as abra's does: told the domain resolves, abra refuses.
      const refused = await deploy('note-0f0f0e.ci.example.test', true);
      assert.equal(refused.ok, false);
      assert.match(
        refused.results.map((r) => r.output).join('\n'),
        /FATA unable to resolve note-0f0f0e\.ci\.example\.test/,
      );
    } finally {
      for (const key of Object.keys(process.env))
        if (!(key in before)) Reflect.deleteProperty(process.env, key);
      Object.assign(process.env, before);
    }
  });
});

describe('recipe-suite mode: janitor', () => {
  const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();
  const seeded = (standIn: AbraStandIn): void => {
    const app = (stack: string, h: number) => ({
      name: `${stack}_app`,
      stack,
      running: 1,
      desired: 1,
      createdAt: hoursAgo(h),
    });
    standIn.seed({
      services: [
        app('note-0a0a0a_ci_example_test', 10), // ours, old
        app('note-0b0b0b_ci_example_test', 0.2), // ours, young
        app('blog_example_org', 30), // a person's app
        app('kuma-0c0c0c_ci_example_test', 10), // another recipe's
        app('note-0d0d0d_other_example', 10), // another base domain
      ],
      secrets: [
        { name: 'note-0a0a0a_ci_example_test_db_password_v1', createdAt: hoursAgo(10) },
        // a run killed between secret generate and deploy: secrets only
        { name: 'note-0e0e0e_ci_example_test_db_password_v1', createdAt: hoursAgo(8) },
        { name: 'blog_example_org_db_password_v1', createdAt: hoursAgo(30) },
      ],
      volumes: [
        {
          name: 'note-0a0a0a_ci_example_test_data',
          stack: 'note-0a0a0a_ci_example_test',
          createdAt: hoursAgo(10),
        },
        {
          name: 'note-0b0b0b_ci_example_test_data',
          stack: 'note-0b0b0b_ci_example_test',
          createdAt: hoursAgo(0.2),
        },
      ],
    });
  };

  it('abra: removes our old apps found on the server, leaves young, foreign and other recipes’ apps', async () => {
    const standIn = new AbraStandIn();
    seeded(standIn);
    const runner = new FakeActionsEnv();
    const given = inputs(abraRepo(), { mode: 'janitor', 'max-age': '6h' });
    const result = await step(runner, standIn, 'main', given);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(standIn.abraCommands().sort(), [
      'app rm note-0a0a0a.ci.example.test --force -n',
      'app rm note-0e0e0e.ci.example.test --force -n',
      'app undeploy note-0a0a0a.ci.example.test -n',
      'server add --local -n',
    ]);
    const swarm = standIn.swarm();
    assert.deepEqual(swarm.services.map((s) => s.stack).sort(), [
      'blog_example_org',
      'kuma-0c0c0c_ci_example_test',
      'note-0b0b0b_ci_example_test',
      'note-0d0d0d_other_example',
    ]);
    assert.deepEqual(
      swarm.secrets.map((s) => s.name),
      ['blog_example_org_db_password_v1'],
    );
    assert.deepEqual(
      swarm.volumes.map((v) => v.name),
      ['note-0b0b0b_ci_example_test_data'],
    );
    assert.match(result.summary, /\| note-0a0a0a\.ci\.example\.test \| 10h\S* \| removed \|/);
    assert.match(
      result.summary,
      /\| note-0b0b0b\.ci\.example\.test \| 1\dm\S* \| kept \(younger than max-age\) \|/,
    );
    assert.equal(result.state['suite-run'], undefined, 'the janitor leaves nothing for post');
    assert.deepEqual(
      readdirSync(runner.dir).filter((name) => name.startsWith('recipe-ci-janitor-')),
      [],
      'its scratch ABRA_DIR is gone',
    );
  });

  it('abra dry-run: lists what it would remove and runs no abra command', async () => {
    const standIn = new AbraStandIn();
    seeded(standIn);
    const given = inputs(abraRepo(), { mode: 'janitor', 'dry-run': 'true' });
    const result = await step(new FakeActionsEnv(), standIn, 'main', given);
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(standIn.abraCommands(), []);
    assert.match(result.stdout, /note-0a0a0a\.ci\.example\.test +10h\S* +would remove \(dry-run\)/);
    assert.equal(standIn.swarm().services.length, 5);
  });

  it('command: lists apps with commands.list and removes the old ones with commands.teardown', async () => {
    const standIn = new AbraStandIn();
    const apps = tempDir('recipe-ci-apps-');
    const now = Math.floor(Date.now() / 1000);
    writeFileSync(
      join(apps, 'list'),
      [
        `note-1a1a1a.${BASE} ${String(now - 9 * 3600)} ${apps}/one`,
        `note-1b1b1b.${BASE} ${new Date((now - 60) * 1000).toISOString()} ${apps}/two`,
        `someone-elses.${BASE} ${String(now - 99 * 3600)}`,
        '',
      ].join('\n'),
    );
    const repo = abraRepo({
      change: (dir) => {
        writeFileSync(
          join(dir, RECORDED_CONFIG),
          `version: 1\ncommands:\n  deploy: 'true'\n  list: cat ${apps}/list\n  teardown: echo "$RECIPE_CI_DOMAIN $RECIPE_CI_STATE_DIR" >> ${apps}/removed\n`,
        );
      },
    });
    const given = inputs(repo, { backend: 'command', mode: 'janitor', 'max-age': '6h' });
    const result = await step(new FakeActionsEnv(), standIn, 'main', given);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(readFileSync(join(apps, 'removed'), 'utf8'), `note-1a1a1a.${BASE} ${apps}/one\n`);

    const noList = abraRepo({
      change: (dir) => writeFileSync(join(dir, RECORDED_CONFIG), 'version: 1\n'),
    });
    const refused = await step(
      new FakeActionsEnv(),
      standIn,
      'main',
      inputs(noList, { backend: 'command', mode: 'janitor' }),
    );
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(
      refused.stdout,
      /\.recipe-ci\.recorded\.yml gives no commands\.list; mode: janitor/,
    );
  });
});
