/**
 * The provision action's other providers, run from dist/ as runners run it: `command` with real
 * shell scripts playing a small cloud in a folder, `ssh` with plain inputs, and `local` with a
 * fake `docker` on PATH (no Docker engine here; .github/workflows/provision-local.yml runs the
 * real one on a hosted runner).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateEd25519 } from '../../src/provision/openssh-key.ts';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import { tempDir } from '../support/temp-dir.ts';

const RUN = {
  GITHUB_REPOSITORY: 'coop-cloud/keycloak',
  GITHUB_RUN_ID: '77',
  GITHUB_RUN_ATTEMPT: '1',
};
const NAME = 'recipe-ci-keycloak-77-1';

interface Step extends StepResult {
  everything: string;
  /** The step's RUNNER_TEMP. */
  runnerTemp: string;
}

async function step(
  phase: 'main' | 'post',
  given: Record<string, string>,
  options: {
    state?: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    onStdout?: Parameters<typeof runProcess>[2];
  } = {},
): Promise<Step> {
  const runner = new FakeActionsEnv();
  const env = { ...RUN, ...options.env };
  const result = await runner.run('provision', phase, given, { ...options, env });
  const files = Object.values(runner.files).map((f) => readFileSync(f, 'utf8'));
  return {
    ...result,
    everything: [result.stdout, result.stderr, ...files].join('\n'),
    runnerTemp: runner.dir,
  };
}

function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nset -eu\n${body}`);
  chmodSync(path, 0o755);
  return path;
}

/** A "cloud" that is a folder: create makes a machine folder, destroy removes it. */
function fakeCloud(createTail = '') {
  const dir = tempDir('recipe-ci-cloud-');
  const create = script(
    dir,
    'create.sh',
    `if env | grep -q '^INPUT_'; then echo "our inputs reached the command" >&2; exit 9; fi
echo "creating $RECIPE_CI_NAME" >&2
mkdir -p "$CLOUD/$RECIPE_CI_NAME"
printf '%s\\n' "$RECIPE_CI_PUBLIC_KEY" > "$CLOUD/$RECIPE_CI_NAME/authorized_keys"
cp "$RECIPE_CI_USER_DATA_FILE" "$CLOUD/$RECIPE_CI_NAME/user-data"
printf '%s\\n' "$RECIPE_CI_LABELS" > "$CLOUD/$RECIPE_CI_NAME/labels"
${createTail}
echo "some progress on stdout"
echo '{"id":"vm-42","hosts":["198.51.100.7"],"user":"debian","flavor":"m1.small"}'
`,
  );
  const destroy = script(
    dir,
    'destroy.sh',
    `rm -rf "$CLOUD/$RECIPE_CI_NAME"
echo "destroyed \${RECIPE_CI_ID:-by name} $RECIPE_CI_NAME" >&2
`,
  );
  return {
    dir,
    machine: join(dir, NAME),
    env: { CLOUD: dir },
    inputs: { provider: 'command', 'create-command': create, 'destroy-command': destroy },
  };
}

function assertKeyNotShown(steps: Step[], privateKey: string): void {
  const lines = privateKey.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
  // ::add-mask:: lines are how the runner learns what to hide; it never shows them.
  for (const s of steps) {
    const visible = s.everything.replace(/^::add-mask::.*$/gm, '');
    for (const line of lines) assert.ok(!visible.includes(line), 'private key leaked');
  }
}

describe('provision with command (real scripts)', () => {
  it('creates through the script, outputs its JSON, and post destroys by id', async () => {
    const cloud = fakeCloud();
    const main = await step('main', cloud.inputs, { env: cloud.env });
    assert.equal(main.code, 0, main.stdout);
    assert.match(main.stdout, new RegExp(`create-command: creating ${NAME}`));
    assert.equal(main.outputs.hosts, '198.51.100.7');
    assert.equal(main.outputs.user, 'debian');
    assert.equal(main.outputs.id, 'vm-42');
    const target = JSON.parse(main.outputs.target ?? '{}') as { details?: { flavor?: string } };
    assert.equal(target.details?.flavor, 'm1.small');
    const keyPath = main.outputs['private-key-path'] ?? '';
    assert.equal(statSync(keyPath).mode & 0o777, 0o600);
    assert.match(
      readFileSync(join(cloud.machine, 'authorized_keys'), 'utf8'),
      /^ssh-ed25519 \S+ recipe-ci-keycloak-77-1\n$/,
    );
    assert.match(
      readFileSync(join(cloud.machine, 'user-data'), 'utf8'),
      /^#cloud-config\nssh_authorized_keys:\n {2}- "ssh-ed25519 /,
    );
    assert.ok(
      !existsSync(join(main.runnerTemp, `${NAME}.user-data.yaml`)),
      'the user-data file lives only while create-command runs',
    );
    assert.deepEqual(
      Object.keys(JSON.parse(readFileSync(join(cloud.machine, 'labels'), 'utf8')) as object).sort(),
      ['recipe-ci', 'recipe-ci-created', 'recipe-ci-repo', 'recipe-ci-run'],
    );
    const privateKey = readFileSync(keyPath, 'utf8');
    const post = await step('post', cloud.inputs, { state: main.state, env: cloud.env });
    assert.equal(post.code, 0, post.stdout);
    assert.match(post.stdout, /destroy-command: destroyed vm-42/);
    assert.ok(!existsSync(cloud.machine));
    assert.ok(!existsSync(keyPath), 'the key file went with the machine');
    assertKeyNotShown([main, post], privateKey);
  });

  it('a failing create-command fails the step; post still destroys by name', async () => {
    const cloud = fakeCloud('echo "quota exceeded" >&2; exit 3');
    const main = await step('main', cloud.inputs, { env: cloud.env });
    assert.equal(main.code, 1);
    assert.match(main.stdout, /::error::provision: create-command failed \(exit code 3\)/);
    assert.ok(existsSync(cloud.machine), 'the half-made machine exists');
    const post = await step('post', cloud.inputs, { state: main.state, env: cloud.env });
    assert.match(post.stdout, /destroyed by name recipe-ci-keycloak-77-1/);
    assert.ok(!existsSync(cloud.machine));
  });

  it('output without the contract fields is refused with the fix', async () => {
    const cloud = fakeCloud('echo \'{"hosts":[]}\'; exit 0');
    const main = await step('main', cloud.inputs, { env: cloud.env });
    assert.equal(main.code, 1);
    assert.match(main.stdout, /create-command's JSON has no "hosts"/);
  });

  it('keep: always and on-failure keep the machine and print how to remove it', async () => {
    const cloud = fakeCloud();
    const inputs = { ...cloud.inputs, keep: 'always' };
    const main = await step('main', inputs, { env: cloud.env });
    const post = await step('post', inputs, { state: main.state, env: cloud.env });
    assert.match(
      post.stdout,
      /::notice::provision: kept recipe-ci-keycloak-77-1 \(id vm-42\) because keep is always .*Remove it by hand: RECIPE_CI_NAME='recipe-ci-keycloak-77-1' RECIPE_CI_ID='vm-42'/,
    );
    assert.ok(existsSync(cloud.machine));

    const onFailure = { ...cloud.inputs, keep: 'on-failure' };
    const failed = await step('post', onFailure, {
      state: { ...main.state, 'main-outcome': 'failure' },
      env: cloud.env,
    });
    assert.match(
      failed.stdout,
      /kept .* because keep is on-failure and the job's outcome was failure/,
    );
    const laterFailure = await step('post', onFailure, {
      state: main.state,
      env: { ...cloud.env, RECIPE_CI_JOB_STATUS: 'failure' },
    });
    assert.match(
      laterFailure.stdout,
      /kept .* because keep is on-failure and the job's outcome was failure/,
    );
    const cancelled = await step('post', onFailure, {
      state: { ...main.state, 'main-outcome': 'cancelled' },
      env: cloud.env,
    });
    assert.match(cancelled.stdout, /destroy-command: destroyed vm-42/);
    assert.ok(!existsSync(cloud.machine));
  });

  it('SIGTERM stops a long create-command; post destroys what it made', async () => {
    const cloud = fakeCloud('echo "booting" >&2; sleep 30');
    const started = Date.now();
    const main = await step('main', cloud.inputs, {
      env: cloud.env,
      onStdout: (out, child) => {
        if (out.includes('create-command: booting') && !child.killed) child.kill('SIGTERM');
      },
    });
    assert.equal(main.code, 130, main.stdout);
    assert.ok(Date.now() - started < 10_000, 'the sleep was stopped, not waited out');
    const post = await step('post', cloud.inputs, { state: main.state, env: cloud.env });
    assert.match(post.stdout, /destroyed by name/);
    assert.ok(!existsSync(cloud.machine));
  });

  it('the same from the command line: main, then post with the state file', async () => {
    const cloud = fakeCloud();
    const stateFile = join(cloud.dir, 'state.json');
    const flags = [
      '--provider',
      'command',
      '--create-command',
      cloud.inputs['create-command'],
      '--destroy-command',
      cloud.inputs['destroy-command'],
    ];
    const env = { PATH: process.env.PATH, ...cloud.env, ...RUN };
    const main = await runProcess(
      ['dist/cli.js', 'provision', ...flags, '--state-file', stateFile],
      env,
    );
    assert.equal(main.code, 0, main.stderr);
    const outputs = JSON.parse(main.stdout) as Record<string, string>;
    assert.equal(outputs.id, 'vm-42');
    assert.ok(existsSync(cloud.machine));
    const privateKey = readFileSync(outputs['private-key-path'] ?? '', 'utf8');
    assert.ok(!main.stderr.includes(privateKey.split('\n')[2] ?? 'x'), 'the CLI redacts the key');
    const post = await runProcess(
      ['dist/cli.js', 'provision', 'post', ...flags, '--state-file', stateFile],
      env,
    );
    assert.equal(post.code, 0, post.stderr);
    assert.match(post.stderr, /destroy-command: destroyed vm-42/);
    assert.ok(!existsSync(cloud.machine));
  });

  it('needs both commands (exit code 2, nothing run)', async () => {
    const result = await step('main', {
      provider: 'command',
      'create-command': 'touch /tmp/never',
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stdout,
      /::error::provision: input "destroy-command" is required but empty/,
    );
  });
});

describe('provision with ssh (an existing server)', () => {
  const key = generateEd25519('test').private;

  it('outputs the server as given, with the key as a 0600 file, and destroys nothing', async () => {
    const main = await step('main', {
      provider: 'ssh',
      host: '192.0.2.10:2222',
      user: 'deploy',
      'private-key': key,
    });
    assert.equal(main.code, 0, main.stdout);
    assert.equal(main.outputs.hosts, '192.0.2.10:2222');
    assert.equal(main.outputs.user, 'deploy');
    const path = main.outputs['private-key-path'] ?? '';
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8'), key);
    assert.ok(
      !main.everything.replace(/^::add-mask::.*$/gm, '').includes(key.split('\n')[1] ?? 'x'),
    );
    const post = await step(
      'post',
      { provider: 'ssh', host: '192.0.2.10:2222', 'private-key': key },
      { state: main.state },
    );
    assert.equal(post.code, 0);
    assert.match(post.stdout, /nothing was created, so there is nothing to destroy/);
  });

  it('refuses to run without a key or a host', async () => {
    const noKey = await step('main', { provider: 'ssh', host: '192.0.2.10' });
    assert.equal(noKey.code, 2);
    assert.match(
      noKey.stdout,
      /input "private-key" or private-key-path is required for provider ssh/,
    );
    const noHost = await step('main', { provider: 'ssh', 'private-key': key });
    assert.equal(noHost.code, 2);
    assert.match(noHost.stdout, /input "host" is required for provider ssh/);
  });
});

describe('provision with local (a fake docker on PATH)', () => {
  function fakeDocker(swarmState: string, infoFails = false, proxyExists = false) {
    const dir = tempDir('recipe-ci-docker-');
    const log = join(dir, 'calls');
    script(
      dir,
      'docker',
      `echo "$*" >> "${log}"
case "$1" in
  info) ${infoFails ? 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock" >&2; exit 1' : `echo "27.3.1 ${swarmState}"`} ;;
  swarm) echo "Swarm initialized: current node is now a manager." ;;
  network) [ "$2" = inspect ] && { ${proxyExists ? 'echo "[{}]"; exit 0' : 'echo "Error: No such network: proxy" >&2; exit 1'}; } ; echo ok ;;
esac
`,
    );
    return {
      env: { PATH: `${dir}:${process.env.PATH ?? ''}` },
      calls: () => readFileSync(log, 'utf8').trim().split('\n'),
    };
  }

  it('checks the engine, initialises a swarm when asked, and leaves it in post', async () => {
    const docker = fakeDocker('inactive');
    const inputs = { provider: 'local', swarm: 'true' };
    const main = await step('main', inputs, { env: docker.env });
    assert.equal(main.code, 0, main.stdout);
    assert.equal(main.outputs.hosts, 'localhost');
    assert.equal(main.outputs['private-key-path'], '');
    const post = await step('post', inputs, { state: main.state, env: docker.env });
    assert.equal(post.code, 0);
    assert.deepEqual(docker.calls(), [
      'info --format {{.ServerVersion}} {{.Swarm.LocalNodeState}}',
      'swarm init --advertise-addr 127.0.0.1',
      'network inspect proxy',
      'network create --driver overlay --scope swarm --attachable proxy',
      // Leaving the swarm takes its overlay networks with it.
      'swarm leave --force',
    ]);
  });

  it('leaves a swarm and a proxy network it did not create alone', async () => {
    const docker = fakeDocker('active', false, true);
    const inputs = { provider: 'local', swarm: 'true' };
    const main = await step('main', inputs, { env: docker.env });
    await step('post', inputs, { state: main.state, env: docker.env });
    assert.deepEqual(docker.calls(), [
      'info --format {{.ServerVersion}} {{.Swarm.LocalNodeState}}',
      'network inspect proxy',
    ]);
  });

  it('in a swarm without proxy: makes the network and removes only it in post', async () => {
    const docker = fakeDocker('active');
    const inputs = { provider: 'local', swarm: 'true' };
    const main = await step('main', inputs, { env: docker.env });
    assert.equal(main.code, 0, main.stdout);
    const post = await step('post', inputs, { state: main.state, env: docker.env });
    assert.equal(post.code, 0, post.stdout);
    assert.deepEqual(docker.calls().slice(1), [
      'network inspect proxy',
      'network create --driver overlay --scope swarm --attachable proxy',
      'network rm proxy',
    ]);
  });

  it('says clearly when there is no Docker engine', async () => {
    const down = await step(
      'main',
      { provider: 'local' },
      { env: fakeDocker('inactive', true).env },
    );
    assert.equal(down.code, 1);
    assert.match(
      down.stdout,
      /the Docker engine on this runner does not answer \(Cannot connect to the Docker daemon/,
    );
    const missing = await step('main', { provider: 'local' }, { env: { PATH: '/nonexistent' } });
    assert.match(missing.stdout, /does not answer \(spawn docker ENOENT\)/);
  });
});
