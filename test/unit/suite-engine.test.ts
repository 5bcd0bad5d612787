import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SuiteClock } from '../../src/suite/clock.ts';
import { afterEach, test } from 'node:test';
import type { Backend } from '../../src/deploy/backend.ts';
import { commandBackend } from '../../src/deploy/command-backend.ts';
import { parseRecipeConfig } from '../../src/recipe/config.ts';
import { OPT_IN_TIERS, TIERS, type TierName } from '../../src/recipe/tiers.ts';
import { runSuite, type SuitePlan } from '../../src/suite/engine.ts';
import type { TierResult } from '../../src/suite/tier-result.ts';
import { FakeBackend } from '../support/fake-backend.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Data hooks and custom tests are real command lines: `true` passes, `false` fails. */
const ALL_HOOKS = `version: 1
data:
  seed: "true"
  verify: "true"
  mutate: "true"
custom:
  - name: smoke
    run: "true"
`;

const backends: FakeBackend[] = [];
afterEach(() => {
  for (const backend of backends.splice(0)) backend.close();
});

function fakeBackend(): FakeBackend {
  const backend = new FakeBackend();
  backends.push(backend);
  return backend;
}

/** What a run selects unless told otherwise: every tier but the opt-in ones (lint). */
const DEFAULT_TIERS = TIERS.filter((tier) => !OPT_IN_TIERS.has(tier));

function plan(change: Partial<SuitePlan> = {}): SuitePlan {
  return {
    selected: new Set<TierName>(DEFAULT_TIERS),
    candidate: { version: undefined, dir: '/recipe' },
    previous: { source: () => Promise.resolve({ version: '1.0.0+1', dir: '/previous' }) },
    held: undefined,
    failFast: false,
    repeat: 1,
    oidc: true,
    ...change,
  };
}

async function run(
  backend: Backend,
  change: Partial<SuitePlan> = {},
  yaml = ALL_HOOKS,
  signal = new AbortController().signal,
): Promise<TierResult[]> {
  return runSuite(plan(change), {
    config: parseRecipeConfig(yaml, '.recipe-ci.yml'),
    backend,
    httpHealth: () => Promise.resolve({ ok: true, summary: 'GET / → 200' }),
    env: { PATH: process.env.PATH },
    cwd: process.cwd(),
    signal,
    clock: new SuiteClock(undefined),
  });
}

/** `tier: status` per result, the way a reader of the report sees them. */
function statuses(results: TierResult[]): string[] {
  return results.map((r) => `${r.tier}: ${r.status}`);
}

function result(results: TierResult[], tier: TierName, attempt = 1): TierResult {
  const found = results.find((r) => r.tier === tier && r.attempt === attempt);
  assert.ok(found, `no result for ${tier} (attempt ${String(attempt)})`);
  return found;
}

test('every tier passes on one app: upgrade starts from the previous version, backup works on the upgraded app', async () => {
  const backend = fakeBackend();
  const results = await run(backend);
  assert.deepEqual(statuses(results), [
    'install: passed',
    'upgrade: passed',
    'backup: passed',
    'restore: passed',
    'custom: passed',
  ]);
  assert.deepEqual(backend.calls, [
    'deploy candidate',
    'health',
    'teardown',
    'deploy 1.0.0+1',
    'health',
    'upgrade candidate',
    'health',
    'backup',
    'restore backup',
    'health',
  ]);
  assert.equal(result(results, 'upgrade').reason, '1.0.0+1 → candidate, data kept');
});

test('a previous version that will not deploy blocks the upgrade instead of failing it', async () => {
  const backend = fakeBackend().fail('deploy', 2);
  const results = await run(backend);
  const upgrade = result(results, 'upgrade');
  assert.equal(upgrade.status, 'blocked');
  assert.equal(upgrade.reason, 'deploy of 1.0.0+1 failed');
  assert.ok(
    !backend.calls.includes('upgrade candidate'),
    'no upgrade without the previous version',
  );
  // backup still gets a candidate: it deploys one itself and passes.
  assert.equal(result(results, 'backup').status, 'passed');
});

test('a failed upgrade fails the tier and collects the backend’s diagnostics', async () => {
  const backend = fakeBackend().fail('upgrade');
  const results = await run(backend);
  const upgrade = result(results, 'upgrade');
  assert.equal(upgrade.status, 'failed');
  assert.equal(upgrade.reason, 'upgrade from 1.0.0+1 failed');
  assert.equal(upgrade.diagnostics, 'task app.1: exited (1)');
  assert.equal(result(results, 'install').diagnostics, undefined, 'only failed tiers ask');
});

test('a held upgrade runs nothing of the upgrade and says why', async () => {
  const backend = fakeBackend();
  const results = await run(backend, { held: 'major bump 1 → 2' });
  assert.deepEqual(
    [result(results, 'upgrade').status, result(results, 'upgrade').reason],
    ['held', 'major bump 1 → 2'],
  );
  assert.ok(!backend.calls.some((call) => call.startsWith('upgrade')));
  assert.ok(!backend.calls.includes('deploy 1.0.0+1'));
});

test('no previous version skips the upgrade with the plan’s reason', async () => {
  const results = await run(fakeBackend(), { previous: { none: 'no older tag' } });
  assert.deepEqual(
    [result(results, 'upgrade').status, result(results, 'upgrade').reason],
    ['skipped', 'no older tag'],
  );
});

test('an install that fails blocks what needs the candidate, and fail-fast skips the rest', async () => {
  const without = await run(fakeBackend().fail('deploy'));
  assert.deepEqual(statuses(without), [
    'install: failed',
    'upgrade: blocked',
    'backup: blocked',
    'restore: blocked',
    'custom: blocked',
  ]);
  const fast = fakeBackend().fail('deploy');
  const withFailFast = await run(fast, { failFast: true });
  assert.deepEqual(statuses(withFailFast), [
    'install: failed',
    'upgrade: skipped',
    'backup: skipped',
    'restore: skipped',
    'custom: skipped',
  ]);
  assert.equal(result(withFailFast, 'custom').reason, 'fail-fast: install failed');
  assert.deepEqual(fast.calls, ['deploy candidate', 'diagnostics']);
});

test('fail-fast lets a tier the recipe declares may-block be blocked', async () => {
  const yaml = `${ALL_HOOKS}tiers:\n  upgrade:\n    may-block: the previous version needs a licence\n`;
  const results = await run(fakeBackend().fail('deploy', 2), { failFast: true }, yaml);
  assert.equal(result(results, 'upgrade').status, 'blocked');
  assert.equal(result(results, 'backup').status, 'passed', 'fail-fast did not stop the run');
});

test('repeat runs the whole sequence again on a torn-down app', async () => {
  const backend = fakeBackend();
  const results = await run(backend, { repeat: 2, selected: new Set(['install']) });
  assert.deepEqual(
    results.filter((r) => r.tier === 'install').map((r) => `${String(r.attempt)} ${r.status}`),
    ['1 passed', '2 passed'],
  );
  assert.deepEqual(backend.calls, [
    'deploy candidate',
    'health',
    'teardown',
    'deploy candidate',
    'health',
  ]);
});

test('a teardown failing between repeats blocks the later attempts instead of deploying beside the old app', async () => {
  const backend = fakeBackend().fail('teardown', 1);
  const results = await run(backend, { repeat: 3, selected: new Set(['install', 'backup']) });
  assert.deepEqual(
    results.filter((r) => r.attempt > 1 && r.tier === 'install').map((r) => r.status),
    ['blocked', 'blocked'],
  );
  assert.equal(
    result(results, 'install', 2).reason,
    'teardown after attempt 1 failed: teardown broke',
  );
  assert.equal(result(results, 'upgrade', 2).status, 'skipped', 'not selected stays skipped');
  assert.equal(backend.calls.filter((c) => c === 'deploy candidate').length, 1);
});

test('a teardown failing before the previous version is deployed blocks the upgrade', async () => {
  const backend = fakeBackend().fail('teardown', 1);
  const results = await run(backend);
  const upgrade = result(results, 'upgrade');
  assert.equal(upgrade.status, 'blocked');
  assert.equal(upgrade.reason, 'could not tear down the candidate before deploying 1.0.0+1');
  assert.ok(!backend.calls.includes('deploy 1.0.0+1'), 'nothing deployed on top of the candidate');
  assert.equal(upgrade.checks.at(-1)?.name, 'teardown before deploying 1.0.0+1');
});

test('an app that never becomes healthy fails the install with the health check recorded', async () => {
  const results = await run(fakeBackend().fail('health'), { selected: new Set(['install']) });
  const install = result(results, 'install');
  assert.equal(install.status, 'failed');
  assert.equal(install.reason, 'candidate did not become healthy');
  assert.deepEqual(
    install.checks.map((c) => `${c.name}: ${c.status}`),
    ['deploy candidate: passed', 'health after deploying candidate (command): failed'],
  );
});

test('data that does not survive the upgrade fails it; a seed that fails blocks it', async () => {
  const lost = await run(fakeBackend(), {}, ALL_HOOKS.replace('verify: "true"', 'verify: "false"'));
  assert.equal(result(lost, 'upgrade').status, 'failed');
  assert.equal(
    result(lost, 'upgrade').reason,
    'data seeded on 1.0.0+1 did not survive the upgrade',
  );
  const noSeed = await run(fakeBackend(), {}, ALL_HOOKS.replace('seed: "true"', 'seed: "false"'));
  assert.deepEqual(
    [result(noSeed, 'upgrade').status, result(noSeed, 'upgrade').reason],
    ['blocked', 'seeding data failed'],
  );
});

test('restore is skipped without mutate and verify, and blocked without a backup', async () => {
  const noHooks = await run(fakeBackend(), {}, 'version: 1\n');
  assert.equal(result(noHooks, 'restore').status, 'skipped');
  assert.match(result(noHooks, 'restore').reason, /no data\.mutate and data\.verify/);
  assert.equal(
    result(noHooks, 'upgrade').reason,
    '1.0.0+1 → candidate (no data hooks: data not checked)',
  );
  const noBackup = await run(fakeBackend(), { selected: new Set(['install', 'restore']) });
  assert.deepEqual(
    [result(noBackup, 'restore').status, result(noBackup, 'restore').reason],
    ['blocked', 'needs a backup from the backup tier of this run'],
  );
});

test('a backup the command backend cannot show fails the backup tier', async () => {
  const backend = fakeBackend();
  backend.backupLocation = undefined;
  const results = await run(backend);
  assert.equal(result(results, 'backup').status, 'failed');
  assert.equal(
    result(results, 'backup').reason,
    'the backup command printed no location on its last line',
  );
  assert.equal(result(results, 'restore').status, 'blocked');
});

test('custom tests: a failing one fails the tier, one needing missing OIDC blocks it', async () => {
  const yaml = `version: 1
custom:
  - name: smoke
    run: "true"
  - name: login
    run: "true"
    needs-oidc: true
`;
  const blocked = await run(fakeBackend(), { oidc: false, selected: new Set(['custom']) }, yaml);
  const custom = result(blocked, 'custom');
  assert.deepEqual(
    [custom.status, custom.reason],
    ['blocked', '1 of 2 custom tests need OIDC, which is missing'],
  );
  assert.deepEqual(
    custom.checks.map((c) => `${c.name}: ${c.status}`),
    [
      'deploy candidate: passed',
      'health after deploying candidate (command): passed',
      'health after deploying candidate: passed',
      'smoke: passed',
      'login: blocked',
    ],
  );
  const failing = await run(
    fakeBackend(),
    { selected: new Set(['custom']) },
    yaml.replace('run: "true"', 'run: "exit 3"'),
  );
  assert.deepEqual(
    [result(failing, 'custom').status, result(failing, 'custom').reason],
    ['failed', '1 of 2 custom tests failed'],
  );
});

test('a cancelled run skips every tier it has not started and deploys nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const backend = fakeBackend();
  const results = await run(backend, {}, ALL_HOOKS, controller.signal);
  assert.deepEqual(
    new Set(results.map((r) => `${r.status} ${r.reason}`)),
    new Set(['skipped cancelled']),
  );
  assert.deepEqual(backend.calls, []);
});

test('tiers not selected or declared not applicable are skipped with their reason', async () => {
  const yaml = `${ALL_HOOKS}tiers:\n  backup:\n    not-applicable: the app keeps no data\n`;
  const results = await run(fakeBackend(), { selected: new Set(['install', 'backup']) }, yaml);
  assert.equal(result(results, 'upgrade').reason, 'not selected');
  assert.equal(result(results, 'backup').reason, 'not applicable: the app keeps no data');
});

test('lint is opt-in: unselected it is left out of the results, selected it runs last', async () => {
  const unasked = fakeBackend();
  const results = await run(unasked);
  assert.equal(
    results.some((r) => r.tier === 'lint'),
    false,
    'a run that never asked for lint reports what it did before',
  );
  assert.equal(unasked.calls.includes('lint candidate'), false);
  const asked = fakeBackend();
  const withLint = await run(asked, { selected: new Set<TierName>(TIERS) });
  assert.deepEqual(statuses(withLint).slice(-2), ['custom: passed', 'lint: passed']);
  assert.equal(asked.calls.at(-1), 'lint candidate', 'after every other tier');
  const lint = result(withLint, 'lint');
  assert.equal(lint.reason, 'lint ok');
  assert.deepEqual(
    lint.checks.map((c) => `${c.name}: ${c.status} — ${c.message}`),
    ['lint: passed — lint ok'],
  );
});

test('a failing lint fails its tier with the linter’s summary and asks for no app diagnostics', async () => {
  const backend = fakeBackend().fail('lint');
  const results = await run(backend, { selected: new Set<TierName>(['lint']) });
  const lint = result(results, 'lint');
  assert.equal(lint.status, 'failed');
  assert.equal(lint.reason, 'lint broke');
  assert.equal(lint.diagnostics, undefined);
  assert.deepEqual(backend.calls, ['lint candidate'], 'nothing deployed, no diagnostics');
});

test('lint runs after a failed install and deploys nothing; fail-fast still stops it', async () => {
  const selected = new Set<TierName>(['install', 'custom', 'lint']);
  const backend = fakeBackend().fail('deploy');
  const results = await run(backend, { selected });
  assert.deepEqual(statuses(results), [
    'install: failed',
    'upgrade: skipped',
    'backup: skipped',
    'restore: skipped',
    'custom: blocked',
    'lint: passed',
  ]);
  assert.equal(backend.calls.filter((c) => c === 'lint candidate').length, 1);
  const fast = fakeBackend().fail('deploy');
  const stopped = await run(fast, { selected, failFast: true });
  assert.deepEqual(
    [result(stopped, 'lint').status, result(stopped, 'lint').reason],
    ['skipped', 'fail-fast: install failed'],
  );
  assert.equal(fast.calls.includes('lint candidate'), false);
});

test('a teardown failing between repeats blocks the app’s tiers, not lint', async () => {
  const backend = fakeBackend().fail('teardown', 1);
  const results = await run(backend, {
    repeat: 2,
    selected: new Set<TierName>(['install', 'lint']),
  });
  assert.deepEqual(
    results.filter((r) => r.attempt === 2).map((r) => `${r.tier}: ${r.status}`),
    [
      'install: blocked',
      'upgrade: skipped',
      'backup: skipped',
      'restore: skipped',
      'custom: skipped',
      'lint: passed',
    ],
  );
});

test('the command backend: no commands.lint skips lint with the reason; commands.lint is the check', async () => {
  const candidate = tempDir('recipe-ci-lint-candidate-');
  writeFileSync(join(candidate, 'compose.yml'), 'services: {}\n');
  const lintOnly = {
    selected: new Set<TierName>(['lint']),
    candidate: { version: undefined, dir: candidate },
  };
  const backendFor = (yaml: string): Backend =>
    commandBackend({
      config: parseRecipeConfig(yaml, '.recipe-ci.yml'),
      env: { PATH: process.env.PATH },
      signal: new AbortController().signal,
      timeoutMs: () => 10_000,
    });
  const none = 'version: 1\n';
  const skipped = await run(backendFor(none), lintOnly, none);
  assert.deepEqual(
    [result(skipped, 'lint').status, result(skipped, 'lint').reason],
    ['skipped', '.recipe-ci.yml gives no commands.lint'],
  );
  // The command sees the candidate's files in its folder and in RECIPE_CI_SOURCE.
  const given =
    'version: 1\ncommands:\n  lint: test -f compose.yml && test -f "$RECIPE_CI_SOURCE/compose.yml" && echo "R001 ok"\n';
  const passed = result(await run(backendFor(given), lintOnly, given), 'lint');
  assert.deepEqual([passed.status, passed.reason], ['passed', 'lint: succeeded']);
  assert.match(passed.checks[0]?.output ?? '', /R001 ok/);
  const broken = given.replace('echo "R001 ok"', 'echo "R010 traefik routing" >&2; exit 2');
  const failed = result(await run(backendFor(broken), lintOnly, broken), 'lint');
  assert.deepEqual([failed.status, failed.reason], ['failed', 'lint: exited with 2']);
  assert.match(failed.checks[0]?.output ?? '', /R010 traefik routing/);
});

test('an app that never became healthy is torn down before the next deploy, not deployed over', async () => {
  // The install's deploy is made but never healthy; abra would refuse a second `app new`.
  const backend = fakeBackend().fail('health', 1);
  const results = await run(backend);
  assert.equal(result(results, 'install').status, 'failed');
  assert.equal(result(results, 'upgrade').status, 'passed');
  assert.deepEqual(backend.calls.slice(0, 5), [
    'deploy candidate',
    'health',
    'diagnostics',
    'teardown',
    'deploy 1.0.0+1',
  ]);
  // An upgrade that is not healthy afterwards: backup deploys the candidate on a clean slate.
  const afterUpgrade = fakeBackend().fail('health', 3);
  await run(afterUpgrade);
  const from = afterUpgrade.calls.indexOf('upgrade candidate');
  assert.deepEqual(afterUpgrade.calls.slice(from, from + 5), [
    'upgrade candidate',
    'health',
    'diagnostics',
    'teardown',
    'deploy candidate',
  ]);
});
