/**
 * `recipe-ci run` as a Drone step or a laptop runs it — and actions/run as a runner runs it,
 * main then post — the committed dist/, one process,
 * the whole chain on guest-lab guests (real sshd and cloud-init CLI), the lab's real Keycloak for
 * the realm (the stand-in only where the lab has none), the example recipe on the command backend. Passing, a failing tier, Ctrl-C in the
 * middle of a tier, two targets side by side, bad input before anything is made, and secrets
 * that must never reach the log or the result files. Needs root (the guest lab).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Guest, type Lab } from '../lab/index.ts';
import { FakeActionsEnv, runProcess } from '../support/fake-actions-env.ts';
import { startKeycloakTarget, type KeycloakTarget } from '../support/keycloak-target.ts';
import { PNG_SIGNATURE } from '../support/png.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import { commandsRunnerWouldRun } from '../support/workflow-commands.ts';
import { signalGroup } from '../support/process-group.ts';

const CLI = join(process.cwd(), 'dist', 'cli.js');

let lab: Lab;
let guests: Guest[];
let keycloak: KeycloakTarget;
before(async () => {
  lab = await startLab();
  guests = await lab.addGuests([
    { authorized: true, cloudInitPhase: { status: 'done' } },
    { authorized: true, cloudInitPhase: { status: 'done' } },
  ]);
  keycloak = await startKeycloakTarget();
});
after(async () => {
  await keycloak.stop();
  await lab.close();
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  json: {
    status: string;
    targets: { target: string; status: string; reason: string; results: string | null }[];
    skipped: string[];
    leftovers: string[];
  };
  /** The working directory the run had (results-dir is relative to it). */
  cwd: string;
  /** Its TMPDIR: every work dir of the run goes there, and must be gone after. */
  tmp: string;
}

/** Run `node dist/cli.js run …` in a fresh working directory and TMPDIR, in its own group. */
function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onStderr?: (soFar: string, interrupt: () => void) => void,
): Promise<CliRun> {
  const cwd = tempDir('recipe-ci-run-cwd-');
  const tmp = tempDir('recipe-ci-run-tmp-');
  const child = spawn(process.execPath, [CLI, 'run', ...args], {
    cwd,
    env: { ...process.env, TMPDIR: tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const interrupt = (): void => {
    // What a terminal's Ctrl-C does: SIGINT to the foreground group.
    signalGroup(child.pid, 'SIGINT');
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    onStderr?.(stderr, interrupt);
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let json: CliRun['json'];
      try {
        json = JSON.parse(stdout) as CliRun['json'];
      } catch {
        assert.fail(`stdout is not one JSON object: ${stdout}\n${stderr}`);
      }
      resolve({ code, stdout, stderr, json, cwd, tmp });
    });
  });
}

/** A custom check that prints every secret the run has; a passing one unless `fail`. */
function echoSecrets(fail = false) {
  return (dir: string): void => {
    const file = join(dir, '.recipe-ci.yml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}  - name: echoes secrets
    run: >-
      echo "client-secret=[$OIDC_CLIENT_SECRET] password=[$OIDC_PASSWORD]
      admin=[$KEYCLOAK_ADMIN_CLIENT_SECRET] ssh=[$SSH_PRIVATE_KEY]"${fail ? '; exit 1' : ''}
`,
    );
  };
}

/**
 * What a recipe may print that looks like our verdicts or a runner's commands: a custom check
 * and the teardown print it, and a passing run must stay passing, with nothing "left behind".
 */
const CHATTER = [
  'warning: the disk is 91% full',
  'error: this line is only text',
  '::error title=from the recipe::not an annotation',
  '::stop-commands::recipe-token',
];

function chattyAndEchoingSecrets(dir: string): void {
  echoSecrets()(dir);
  const file = join(dir, '.recipe-ci.yml');
  const printf = `printf '%s\\n' ${CHATTER.map((l) => `'${l}'`).join(' ')}`;
  const config = readFileSync(file, 'utf8').replace(
    /^ {2}teardown: (.*)$/m,
    (_line, command: string) => `  teardown: ${JSON.stringify(`${command} && ${printf}`)}`,
  );
  writeFileSync(file, `${config}  - name: chatter\n    run: ${JSON.stringify(printf)}\n`);
}

function targetsYaml(): string {
  return [
    ...guests.map((g, i) => `- name: guest-${'ab'[i] ?? String(i)}\n  host: ${g.address}`),
    '- name: hcloud-debian-12\n  provider: hcloud\n  default: false',
  ].join('\n');
}

function chainArgs(repo: string, more: string[] = []): string[] {
  return [
    ...['--recipe', 'notes', '--recipe-path', repo, '--targets', targetsYaml()],
    ...['--provider', 'ssh', '--backend', 'command', '--base-domain', 'ci.example.test'],
    ...['--readiness-timeout', '1m', '--keycloak-url', keycloak.url],
    ...['--keycloak-admin-client-id', keycloak.client.id],
    ...more,
  ];
}

function secretEnv(): NodeJS.ProcessEnv {
  return {
    SSH_PRIVATE_KEY: readFileSync(lab.clientKey.privateKeyPath, 'utf8'),
    KEYCLOAK_ADMIN_CLIENT_SECRET: keycloak.client.secret,
  };
}

/** Nothing of the run is left: its work dirs, its realms, its processes. */
async function assertNothingLeft(result: CliRun): Promise<void> {
  assert.deepEqual(result.json.leftovers, []);
  assert.deepEqual(readdirSync(result.tmp), [], 'work dirs and state files removed');
  assert.deepEqual(
    (await keycloak.realmNames()).filter((r) => r !== 'master'),
    [],
    'every realm deleted',
  );
  assert.deepEqual(
    readdirSync(result.cwd).filter((n) => n !== 'recipe-ci-results'),
    [],
    'nothing but the results in the working directory',
  );
}

const MAIN_AND_POSTS = [
  'provision main',
  'readiness main',
  'oidc-realm main',
  'recipe-suite main',
  'recipe-suite post',
  'oidc-realm post',
  'provision post',
];

describe('recipe-ci run on lab guests', () => {
  it('one target: the whole chain passes, results land in results-dir, secrets are ***', async () => {
    const repo = recipeRepo({ candidate: '1.1.0+1.1', change: chattyAndEchoingSecrets });
    const result = await run(chainArgs(repo, ['--target', 'guest-a']), secretEnv());
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.json.status, 'passed');
    // What the recipe printed is shown as text, indented, and decided nothing.
    assert.deepEqual(
      result.json.leftovers,
      [],
      'the teardown printed "warning: …" and left nothing',
    );
    for (const line of CHATTER) {
      assert.ok(result.stderr.includes(`    ${line}`), `shown: ${line}`);
      assert.ok(!result.stderr.split('\n').includes(line), `never as a line of ours: ${line}`);
    }
    assert.deepEqual(result.json.skipped, ['guest-b', 'hcloud-debian-12']);
    const [target] = result.json.targets;
    assert.equal(target?.target, 'guest-a');
    assert.equal(target.status, 'passed');
    assert.equal(target.results, join(result.cwd, 'recipe-ci-results', 'guest-a', 'results.json'));
    assert.ok(existsSync(join(result.cwd, 'recipe-ci-results', 'guest-a', 'junit.xml')));
    const order = [...result.stderr.matchAll(/^▶ (\S+ \S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(order, MAIN_AND_POSTS);
    const results = readFileSync(
      join(result.cwd, 'recipe-ci-results', 'guest-a', 'results.json'),
      'utf8',
    );
    const tiers = (JSON.parse(results) as { tiers: { tier: string; status: string }[] }).tiers;
    assert.deepEqual(
      tiers.map((t) => `${t.tier} ${t.status}`),
      ['install passed', 'upgrade passed', 'backup passed', 'restore passed', 'custom passed'],
    );
    // The screenshot results.json names came along, so its relative `file` holds there too.
    const shot = (JSON.parse(results) as { screenshot?: { file?: string } }).screenshot;
    assert.equal(shot?.file, 'screenshot.png', results);
    const png = readFileSync(join(result.cwd, 'recipe-ci-results', 'guest-a', 'screenshot.png'));
    assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'copied as the binary it is');
    const named = JSON.parse(results) as { target?: string };
    assert.equal(named.target, 'guest-a', 'recipe-suite names the target for the card');
    // The report reads the run's results folder as it is: one card, the level, the screenshot.
    const out = join(tempDir('recipe-ci-run-card-'), 'card');
    const card = await runProcess(
      [
        'dist/cli.js',
        'report',
        '--results',
        join(result.cwd, 'recipe-ci-results'),
        '--output-dir',
        out,
      ],
      { PATH: process.env.PATH },
    );
    assert.equal(card.code, 0, card.stderr);
    const outputs = JSON.parse(card.stdout) as Record<string, string>;
    assert.equal(outputs.status, 'passed');
    assert.equal(outputs.level, 'L4', 'lint is not selected: unverified, so L4 at most');
    const markdown = readFileSync(join(out, 'card.md'), 'utf8');
    assert.match(markdown, /\| guest-a \| ✅ passed \| L4 \| ✅ \| ✅ \| ✅ \| ✅ \| ❔ \|/);
    assert.ok(readFileSync(join(out, 'screenshots', 'guest-a.png')).equals(png));
    // The realm's client secret and test password came from oidc-realm's env file: each was
    // printed by the recipe's check, and each reached the result file as *** (not empty).
    assert.match(results, /client-secret=\[\*\*\*\] password=\[\*\*\*\]/);
    // The run's own secrets never reach a recipe command at all.
    assert.match(results, /admin=\[\] ssh=\[\]/);
    for (const text of [result.stdout, result.stderr, results]) {
      assert.ok(!text.includes(keycloak.client.secret), 'the admin secret is never printed');
    }
    await assertNothingLeft(result);
  });

  it('a failing tier: exit 1, the target failed with the reason, every cleanup still ran', async () => {
    const repo = recipeRepo({ candidate: '1.1.0+1.1', change: echoSecrets(true) });
    const result = await run(chainArgs(repo, ['--target', 'guest-a']), secretEnv());
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.json.status, 'failed');
    const [failed] = result.json.targets;
    assert.equal(failed?.status, 'failed');
    assert.match(failed.reason, /custom failed/);
    // The failing check's output, printed in the log: redacted there too.
    assert.match(result.stderr, /client-secret=\[\*\*\*\] password=\[\*\*\*\]/);
    for (const step of ['recipe-suite post', 'oidc-realm post', 'provision post']) {
      assert.match(result.stderr, new RegExp(`^✔ ${step} \\(`, 'm'), step);
    }
    await assertNothingLeft(result);
  });

  it('Ctrl-C during a tier: the step is cancelled, every post step runs, exit 130', async () => {
    const repo = recipeRepo({ candidate: '1.1.0+1.1' });
    let sent = false;
    const result = await run(
      chainArgs(repo, ['--target', 'guest-a']),
      secretEnv(),
      (soFar, interrupt) => {
        if (!sent && soFar.includes('▶ upgrade')) {
          sent = true;
          interrupt();
        }
      },
    );
    assert.ok(sent, result.stderr);
    assert.equal(result.code, 130, result.stderr);
    assert.equal(result.json.status, 'cancelled');
    assert.match(result.stderr, /^■ cancelled recipe-suite main/m);
    for (const step of ['recipe-suite post', 'oidc-realm post', 'provision post']) {
      assert.match(result.stderr, new RegExp(`^✔ ${step} \\(`, 'm'), `${step} after Ctrl-C`);
    }
    await assertNothingLeft(result);
  });

  it('two targets side by side: both chains run at once, each line says whose it is', async () => {
    const repo = recipeRepo({ candidate: '1.1.0+1.1' });
    const result = await run(
      chainArgs(repo, ['--target', 'guest-a,guest-b', '--tiers', 'install,custom']),
      secretEnv(),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      result.json.targets.map((t) => `${t.target} ${t.status}`),
      ['guest-a passed', 'guest-b passed'],
    );
    assert.deepEqual(result.json.skipped, ['hcloud-debian-12']);
    const at = (line: string): number => result.stderr.indexOf(line);
    // b's chain started before a's finished: side by side, not one after the other.
    assert.ok(at('[guest-b] ▶ provision main') !== -1, result.stderr);
    assert.ok(at('[guest-b] ▶ provision main') < at('[guest-a] ✔ recipe-suite main'));
    for (const name of ['guest-a', 'guest-b']) {
      assert.ok(existsSync(join(result.cwd, 'recipe-ci-results', name, 'results.json')), name);
    }
    await assertNothingLeft(result);
  });
});

describe('recipe-ci run: bad input, before anything is made', () => {
  const repo = recipeRepo({ candidate: '1.1.0+1.1' });
  const cases: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ['an unknown target', ['--target', 'guest-z'], {}, /guest-z/],
    ['an unknown flag', ['--domian', 'x'], {}, /--domian is not an input of run/],
    [
      'a secret as a flag',
      ['--ssh-private-key', 'abc'],
      {},
      /--ssh-private-key is a secret .* set the environment variable SSH_PRIVATE_KEY instead/,
    ],
    ['a bad tier', ['--tiers', 'install,upgarde'], {}, /--tiers lists "upgarde"/],
    ["a target's unknown provider", ['--targets', '- name: x\n  provider: aws'], {}, /provider/],
    ['an ssh target with no key', [], { SSH_PRIVATE_KEY: '' }, /private-key/],
  ];
  for (const [what, args, env, message] of cases) {
    it(`${what}: exit 2, named, nothing created`, async () => {
      const base = chainArgs(repo);
      // A later --targets replaces the one chainArgs gave.
      const i = args.indexOf('--targets');
      if (i !== -1) base.splice(base.indexOf('--targets'), 2);
      const result = await run([...base, ...args], { ...secretEnv(), ...env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.json.status, 'invalid');
      assert.doesNotMatch(result.stderr, /▶ provision main/, 'no step started');
      assert.deepEqual(readdirSync(result.tmp), []);
      assert.deepEqual(readdirSync(result.cwd), [], 'no results folder, no state');
      assert.deepEqual(
        (await keycloak.realmNames()).filter((r) => r !== 'master'),
        [],
      );
    });
  }
});

describe('actions/run under the fake runner', () => {
  it('main runs the chain, post cleans up in reverse; outputs, summary and masks as a runner has them', async () => {
    const runner = new FakeActionsEnv();
    const resultsDir = tempDir('recipe-ci-run-results-');
    const inputs = {
      recipe: 'notes',
      'recipe-path': recipeRepo({ candidate: '1.1.0+1.1', change: chattyAndEchoingSecrets }),
      targets: targetsYaml(),
      target: 'guest-b',
      provider: 'ssh',
      backend: 'command',
      'base-domain': 'ci.example.test',
      'readiness-timeout': '1m',
      'keycloak-url': keycloak.url,
      'keycloak-admin-client-id': keycloak.client.id,
      'keycloak-admin-client-secret': keycloak.client.secret,
      'ssh-private-key': readFileSync(lab.clientKey.privateKeyPath, 'utf8'),
      'results-dir': resultsDir,
    };
    const main = await runner.run('run', 'main', inputs);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs.status, 'passed');
    assert.equal(main.outputs.selected, 'guest-b');
    const result = JSON.parse(main.outputs.result ?? '{}') as CliRun['json'];
    assert.equal(result.targets[0]?.results, join(resultsDir, 'guest-b', 'results.json'));
    // The runner masks what the steps registered: the action told it with ::add-mask::.
    assert.match(main.stdout, /^::add-mask::/m);
    const logged = main.stdout.replace(/^::add-mask::.*$/gm, '');
    assert.ok(!logged.includes(keycloak.client.secret), 'the admin secret is only in ::add-mask::');
    assert.match(main.summary, /### recipe-ci run: passed/);
    assert.match(main.summary, /recipe-ci: notes passed/, "recipe-suite's own summary");
    assert.doesNotMatch(main.stdout, /▶ \S+ post/, 'no post step during main');
    const post = await runner.run('run', 'post', inputs, { state: main.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    const order = [...post.stdout.matchAll(/▶ (\S+ post)$/gm)].map((m) => m[1]);
    assert.deepEqual(order, ['recipe-suite post', 'oidc-realm post', 'provision post']);
    assert.match(post.stdout, /nothing was left behind/);
    assert.equal(post.outputs.leftovers, '');
    // The recipe's chatter (a custom check in main, the teardown in post) is shown, yet a runner
    // acts on none of it: no annotation of its own, and every mask after it still applies.
    for (const stdout of [main.stdout, post.stdout]) {
      const acted = commandsRunnerWouldRun(stdout);
      assert.deepEqual(
        acted.filter((c) => /recipe/.test(c.line)),
        [],
        'no command from the recipe',
      );
      const masks = stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).length;
      assert.equal(acted.filter((c) => c.name === 'add-mask').length, masks, 'every mask applies');
    }
    for (const line of CHATTER) assert.ok(main.stdout.includes(line), `shown: ${line}`);
    for (const line of CHATTER) assert.ok(post.stdout.includes(line), `teardown shown: ${line}`);
    assert.deepEqual(
      (await keycloak.realmNames()).filter((r) => r !== 'master'),
      [],
    );
    const saved = JSON.parse(main.state.run ?? '{}') as { workRoot: string };
    assert.equal(existsSync(saved.workRoot), false, 'the work dirs went with post');
  });
});

describe('separate CLI calls, as a Drone pipeline makes them', () => {
  it("an env file's secret-named values and secret-named env vars are *** in the log and results", async () => {
    const dir = tempDir('recipe-ci-drone-');
    const envFile = join(dir, 'app.env');
    writeFileSync(envFile, 'APP_API_TOKEN=token-from-the-env-file\nAPP_TITLE=readable-title\n');
    const repo = recipeRepo({
      candidate: '1.1.0+1.1',
      change: (recipe) => {
        const file = join(recipe, '.recipe-ci.yml');
        writeFileSync(
          file,
          `${readFileSync(file, 'utf8')}  - name: echoes
    run: echo "token=[$APP_API_TOKEN] title=[$APP_TITLE] drone=[$DRONE_DEPLOY_PASSWORD]"; exit 1
`,
        );
      },
    });
    const child = spawn(
      process.execPath,
      [
        CLI,
        'recipe-suite',
        ...['--recipe', 'notes', '--recipe-path', repo, '--backend', 'command'],
        ...['--domain', 'notes.example.test', '--tiers', 'install,custom', '--env-file', envFile],
        ...['--state-file', join(dir, 'state.json')],
      ],
      {
        cwd: dir,
        env: { ...process.env, DRONE_DEPLOY_PASSWORD: 'password-from-drone', RUNNER_TEMP: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 1, log);
    assert.match(log, /token=\[\*\*\*\] title=\[readable-title\] drone=\[\*\*\*\]/);
    const outputs = JSON.parse(stdout) as Record<string, string>;
    const results = readFileSync(outputs.results ?? '', 'utf8');
    assert.match(results, /token=\[\*\*\*\] title=\[readable-title\] drone=\[\*\*\*\]/);
    for (const text of [log, results]) {
      assert.ok(!text.includes('token-from-the-env-file') && !text.includes('password-from-drone'));
    }
    const post = spawn(
      process.execPath,
      [
        CLI,
        'recipe-suite',
        'post',
        '--recipe',
        'notes',
        '--recipe-path',
        repo,
        '--backend',
        'command',
        '--domain',
        'notes.example.test',
        '--state-file',
        join(dir, 'state.json'),
      ],
      { cwd: dir, env: { ...process.env, RUNNER_TEMP: dir }, stdio: 'ignore' },
    );
    assert.equal(await new Promise((resolve) => post.on('close', resolve)), 0);
  });
});
