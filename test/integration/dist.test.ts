/**
 * The committed bundles, run the way runners run them: `node dist/<action>/main.js` with the
 * runner's files and INPUT_* variables; the post entries; the CLI; and real signals.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeActionsEnv, runProcess } from '../support/fake-actions-env.ts';

/**
 * Inputs that pass the checks of each action whose behaviour has not landed yet (readiness has
 * its own tests against the guest lab, provision against the Hetzner stand-in and fakes,
 * oidc-realm against the Keycloak stand-in, recipe-suite with the example recipe).
 */
const VALID: Record<string, Record<string, string>> = {};
const WITH_POST = new Set<string>();

async function step(
  action: string,
  phase: 'main' | 'post',
  inputs: Record<string, string>,
  state = {},
) {
  return new FakeActionsEnv().run(action, phase, inputs, { state });
}

for (const [action, inputs] of Object.entries(VALID)) {
  test(`${action}: main runs from dist/ and fails cleanly after checking its inputs`, async () => {
    const result = await step(action, 'main', inputs);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^::error::${action}: the ${action} action is not implemented`, 'm'),
    );
    assert.equal(result.state['main-started'], 'true');
    assert.equal(result.state['main-outcome'], 'failure');
    for (const secret of Object.entries(inputs).filter(([k]) => /token|password/.test(k))) {
      assert.match(result.stdout, new RegExp(`^::add-mask::${secret[1]}$`, 'm'), 'secret masked');
      assert.ok(!JSON.stringify(result.state).includes(secret[1]), 'secret not in state');
    }
  });

  if (WITH_POST.has(action)) {
    test(`${action}: post runs from dist/, only after main started, and never fails`, async () => {
      const after = await step(action, 'post', inputs, { 'main-started': 'true' });
      assert.equal(after.code, 0, after.stdout + after.stderr);
      assert.match(after.stdout, /nothing to (destroy|delete|remove)/);
      const skipped = await step(action, 'post', inputs);
      assert.equal(skipped.code, 0);
      assert.match(skipped.stdout, /the main step did not start; nothing to clean up/);
    });
  }
}

test('bad input fails with exit code 2 and a message naming the input', async () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['readiness', { hosts: 'h', timeout: '10x' }, /input "timeout" must be a duration like 90s/],
    ['readiness', { hosts: '' }, /input "hosts" is required but empty/],
    [
      'readiness',
      { hosts: 'h', 'cloud-init': 'maybe' },
      /input "cloud-init" must be one of wait, require, skip/,
    ],
    [
      'provision',
      { provider: 'aws' },
      /input "provider" must be one of hcloud, ssh, local, command; got "aws"/,
    ],
    [
      'provision',
      { provider: 'hcloud', keep: 'sometimes' },
      /input "keep" must be one of never, on-failure, always/,
    ],
    [
      'oidc-realm',
      {
        'keycloak-url': 'https://x',
        'admin-username': 'admin',
        'admin-password': 'pw-0123456789',
        'env-map': 'a: [',
      },
      /input "env-map" is not valid YAML at line/,
    ],
    [
      'recipe-suite',
      { recipe: 'x', 'base-domain': 'ci.example.test', repeat: '0' },
      /input "repeat" must be at least 1/,
    ],
    ['targets', { targets: '' }, /input "targets" is required but empty/],
    [
      'reconcile',
      { recipe: 'notes', domain: 'notes.example.test', backend: 'abra' },
      /input "server" is required with backend: abra/,
    ],
  ];
  for (const [action, inputs, message] of cases) {
    const result = await step(action, 'main', inputs);
    assert.equal(result.code, 2, `${action} ${JSON.stringify(inputs)}: ${result.stdout}`);
    assert.match(result.stdout, new RegExp(`^::error::${action}: ${message.source}`, 'm'));
    assert.doesNotMatch(result.stdout, /at Inputs\./, 'no stack trace for a user mistake');
  }
});

test('an entry run as Gitea runs it (node --preserve-symlinks-main, from a linked folder)', async () => {
  const runner = new FakeActionsEnv();
  const link = join(runner.dir, 'action-checkout');
  symlinkSync(process.cwd(), link, 'dir');
  const env = runner.env('readiness', { hosts: 'h', port: 'abc' });
  const entry = join(link, 'dist', 'readiness', 'main.js');
  const { code, stdout } = await runProcess(['--preserve-symlinks-main', entry], env);
  assert.equal(code, 2, stdout);
  assert.match(stdout, /::error::readiness: input "port" must be a whole number; got "abc"/);
});

test('the CLI: same actions, outputs as JSON on stdout, logs on stderr, exit codes', async () => {
  const env = { PATH: process.env.PATH };
  const ok = await runProcess(['dist/cli.js', '--help'], env);
  assert.equal(ok.code, 0);
  assert.match(
    ok.stdout,
    /actions: run, provision, readiness, oidc-realm, recipe-suite, reconcile, targets, report/,
  );

  const help = await runProcess(['dist/cli.js', 'readiness', '--help'], env);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--timeout \(default: 10m\)/);

  const plan = await runProcess(['dist/cli.js', 'targets', '--targets', 'local'], env);
  assert.equal(plan.code, 0, plan.stderr);
  assert.deepEqual(JSON.parse(plan.stdout), {
    matrix: '{"include":[{"target":"local"}]}',
    'has-targets': 'true',
    selected: 'local',
    skipped: '',
  });
  assert.match(plan.stderr, /^local\s+yes\s+all targets selected$/m);

  const bad = await runProcess(
    ['dist/cli.js', 'readiness', '--hosts', 'h', '--timeout', 'soon'],
    env,
  );
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /error: readiness: --timeout must be a duration like 90s, 10m or 1h30m; got "soon"/,
  );

  const unknown = await runProcess(['dist/cli.js', 'readines'], env);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /unknown action "readines"; choose one of: run, provision, readiness/,
  );

  const flag = await runProcess(['dist/cli.js', 'targets', '--target', 'x'], env);
  assert.equal(flag.code, 2);
  assert.match(
    flag.stderr,
    /--target is not an input of targets; its inputs are: --targets, --selected/,
  );
});

/** The signal fixture bundled as dist/ is (plain node, no TypeScript loader near the signals). */
function bundledFixture(dir: string): string {
  const outdir = join(dir, 'fixture');
  execFileSync(process.execPath, [
    'scripts/build.mjs',
    '--entry',
    'test/fixtures/slow-action.ts',
    '--outdir',
    outdir,
  ]);
  return join(outdir, 'entry.js');
}

test('SIGINT cancels main with state saved; post then cleans up', async () => {
  const runner = new FakeActionsEnv();
  const fixture = [bundledFixture(runner.dir)];
  const main = await runProcess(fixture, runner.env('targets', {}), (out, child) => {
    // Once: a later SIGINT, after the step has removed its handlers, would kill it outright.
    if (out.includes('waiting') && !child.killed) child.kill('SIGINT');
  });
  const result = runner.result(main.code, main.stdout, main.stderr);
  assert.equal(result.code, 130, result.stdout + result.stderr);
  assert.match(result.stdout, /::warning::slow: SIGINT received; stopping \(cleanup follows\)/);
  assert.match(result.stdout, /::error::slow: cancelled by SIGINT/);
  assert.equal(result.state.resource, 'server-17');
  assert.equal(result.state['main-outcome'], 'cancelled');

  const post = await runProcess(fixture, {
    ...runner.env('targets', {}, result.state),
    STEP: 'post',
  });
  assert.equal(post.code, 0);
  assert.match(post.stdout, /destroying server-17/);
});

test('a second signal ends a main step that does not stop by itself', async () => {
  const runner = new FakeActionsEnv();
  const env = { ...runner.env('targets', {}), INPUT_STUBBORN: 'true' };
  let sent = 0;
  const main = await runProcess(
    ['--import', 'tsx', 'test/fixtures/slow-action.ts'],
    env,
    (out, child) => {
      if (out.includes('waiting') && sent === 0) {
        sent++;
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGTERM'), 200);
      }
    },
  );
  assert.equal(main.code, 130);
  assert.doesNotMatch(main.stdout, /never cancelled/);
  assert.equal(runner.result(main.code, main.stdout, main.stderr).state.resource, 'server-17');
});
