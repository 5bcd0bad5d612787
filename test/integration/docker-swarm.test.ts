/**
 * What our code asks of Docker, against a real engine and a real single-node swarm (Debian's
 * docker.io; test/lab/docker.ts): the local provider's engine check, swarm init, proxy network
 * and swarm leave, and the abra backend's health gate and diagnostics over real stacks — one that
 * becomes healthy, one whose image does not exist, one that crash-loops. Needs root and
 * docker.io; without them every test here is skipped with the reason.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { abraBackend } from '../../src/deploy/abra-backend.ts';
import { DockerLab, dockerUnavailable } from '../lab/docker.ts';
import { FakeActionsEnv } from '../support/fake-actions-env.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

const unavailable = dockerUnavailable();
let lab: DockerLab;

before(async () => {
  if (unavailable !== undefined) return;
  lab = await DockerLab.start();
});
after(async () => {
  if (unavailable !== undefined) return;
  await lab.close();
});

describe('provision with local, on a real Docker engine', { skip: unavailable }, () => {
  const step = (phase: 'main' | 'post', state?: Record<string, string>) =>
    new FakeActionsEnv().run(
      'provision',
      phase,
      { provider: 'local', swarm: 'true' },
      {
        state,
        env: lab.env,
      },
    );

  it('not in a swarm: initialises one with the proxy network, and leaves it in post', async (t) => {
    if ((await lab.swarmState()) === 'active') {
      t.skip('the engine is already in a swarm; the next test covers that case');
      return;
    }
    const main = await step('main');
    assert.equal(main.code, 0, main.stdout);
    assert.equal(await lab.swarmState(), 'active');
    assert.equal((await lab.docker(['network', 'inspect', 'proxy'])).code, 0, 'proxy exists');
    const post = await step('post', main.state);
    assert.equal(post.code, 0, post.stdout);
    assert.equal(await lab.swarmState(), 'inactive', 'the swarm this run made is gone');
  });

  it('in a swarm it did not make: adds the proxy network and removes only that', async () => {
    await lab.ensureSwarm();
    const main = await step('main');
    assert.equal(main.code, 0, main.stdout);
    assert.match(main.stdout, /Docker engine 20\.\d+|Docker engine \d+\.\d+/);
    assert.equal((await lab.docker(['network', 'inspect', 'proxy'])).code, 0);
    const post = await step('post', main.state);
    assert.equal(post.code, 0, post.stdout);
    assert.equal(await lab.swarmState(), 'active', 'a swarm it did not make stays');
    assert.notEqual((await lab.docker(['network', 'inspect', 'proxy'])).code, 0, 'proxy gone');
  });
});

describe('the abra backend’s health gate over real stacks', { skip: unavailable }, () => {
  /** Deploys `service` as the app service of `domain`'s stack, the way abra names stacks. */
  async function deploy(domain: string, service: Record<string, unknown>): Promise<string> {
    await lab.ensureSwarm();
    const stack = domain.replace(/\./g, '_');
    const file = join(tempDir('recipe-ci-stack-'), 'compose.yml');
    writeFileSync(file, JSON.stringify({ version: '3.8', services: { app: service } }));
    await lab.must(['stack', 'deploy', '--compose-file', file, stack]);
    return stack;
  }

  function backendFor(domain: string, healthTimeoutMs: number) {
    return abraBackend({
      recipe: 'notes',
      server: 'local',
      domain,
      abraDir: tempDir('recipe-ci-abra-'),
      candidateDir: tempDir('recipe-ci-recipe-'),
      appEnv: {},
      signal: new AbortController().signal,
      commandTimeoutMs: 10_000,
      healthTimeoutMs,
      // Only the docker side is under test; `abra app logs` in diagnostics answers "no abra".
      abra: 'recipe-ci-no-abra-here',
    });
  }

  before(() => {
    process.env.DOCKER_HOST = lab.host;
  });

  it('a service that comes up: every service at its replica count', async () => {
    const domain = 'note-0d0c01.ci.example.test';
    const stack = await deploy(domain, {
      image: lab.busybox(),
      command: ['httpd', '-f', '-p', '8080', '-h', '/'],
    });
    const health = await backendFor(domain, 60_000).health();
    assert.equal(health.ok, true, health.summary);
    assert.equal(health.summary, `every service at its replica count: ${stack}_app 1/1`);
    await lab.must(['stack', 'rm', stack]);
  });

  it('an image that does not exist: never healthy; diagnostics carry the task error', async () => {
    const domain = 'note-0d0c02.ci.example.test';
    const stack = await deploy(domain, { image: 'recipe-ci-absent:none' });
    const backend = backendFor(domain, 6000);
    const health = await backend.health();
    assert.equal(health.ok, false);
    assert.match(health.summary, new RegExp(`within 6s: ${stack}_app 0/1`));
    const diagnostics = await backend.diagnostics();
    assert.match(diagnostics, /No such image: recipe-ci-absent:none/);
    await lab.must(['stack', 'rm', stack]);
  });

  it('a crash-looping service: not healthy, even though its task is up for moments', async () => {
    const domain = 'note-0d0c03.ci.example.test';
    const stack = await deploy(domain, {
      image: lab.busybox(),
      command: ['sh', '-c', 'echo starting; exit 3'],
      deploy: { restart_policy: { condition: 'any', delay: '1s' } },
    });
    const backend = backendFor(domain, 10_000);
    const health = await backend.health();
    assert.equal(health.ok, false, health.summary);
    const diagnostics = await backend.diagnostics();
    assert.match(diagnostics, /task: non-zero exit \(3\)/);
    await lab.must(['stack', 'rm', stack]);
  });

  it('the janitor finds our apps by their services, secrets and volumes, with their real age, and no one else’s', async () => {
    await lab.ensureSwarm();
    const image = lab.busybox();
    const deployed = await deploy('note-0a0a0a.ci.example.test', {
      image,
      command: ['sleep', '600'],
    });
    const foreign = await deploy('blog.example.org', { image, command: ['sleep', '600'] });
    const otherRecipe = await deploy('kuma-0c0c0c.ci.example.test', {
      image,
      command: ['sleep', '600'],
    });
    // Killed between `secret generate` and `deploy`: secrets only; and a volume left alone.
    await lab.must(['secret', 'create', 'note-0e0e0e_ci_example_test_db_password_v1', '-'], 'x');
    await lab.must(['volume', 'create', 'note-0f0f0f_ci_example_test_data']);
    const result = await new FakeActionsEnv().run(
      'recipe-suite',
      'main',
      {
        recipe: 'notes',
        'recipe-path': recipeRepo({ fixture: 'recipe-abra-notes' }),
        server: 'local',
        'base-domain': 'ci.example.test',
        mode: 'janitor',
        'max-age': '1h',
        'dry-run': 'true',
      },
      { env: lab.env },
    );
    assert.equal(result.code, 0, result.stdout);
    const found = [
      ...result.summary.matchAll(/\| (\S+) \| (\S+) \| kept \(younger than max-age\) \|/g),
    ];
    assert.deepEqual(found.map((m) => m[1]).sort(), [
      'note-0a0a0a.ci.example.test',
      'note-0e0e0e.ci.example.test',
      'note-0f0f0f.ci.example.test',
    ]);
    for (const [, , age] of found)
      assert.match(age ?? '', /^\d+(\.\d+)?s$|^\d+ms$/, 'aged by docker’s own clock');
    for (const stack of [deployed, foreign, otherRecipe]) await lab.must(['stack', 'rm', stack]);
  });

  it('leaves nothing the tests made but what close() removes', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const left = await lab.leftovers();
    assert.deepEqual(left.stack ?? [], [], 'every stack of these tests was removed');
  });
});
