/**
 * What our code asks of Docker, against a real engine and a real single-node swarm (Debian's
 * docker.io; test/lab/docker.ts): the local provider's engine check, swarm init, proxy network
 * and swarm leave; the abra backend's health gate and diagnostics over real stacks — one that
 * becomes healthy, one whose image does not exist, one that crash-loops; and the example abra
 * recipe (test/fixtures/recipe-abra-notes) through recipe-suite with the abra stand-in deploying
 * for real — every tier, a release that cannot start, and the janitor removing a killed run.
 * Needs root, docker.io and busybox-static; without them every test here is skipped with the
 * reason.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { abraBackend } from '../../src/deploy/abra-backend.ts';
import { stackName } from '../../src/deploy/swarm.ts';
import { DockerLab, dockerUnavailable } from '../lab/docker.ts';
import { AbraStandIn } from '../support/abra-stand-in.ts';
import { FakeActionsEnv } from '../support/fake-actions-env.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { oidcEnvFile } from '../support/oidc-env-file.ts';
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
    // …and a volume whose services are gone (killed between undeploy and rm), labelled as
    // `docker stack deploy` labels the volumes it makes.
    await lab.must([
      'volume',
      'create',
      '--label',
      'com.docker.stack.namespace=note-0f0f0f_ci_example_test',
      'note-0f0f0f_ci_example_test_data',
    ]);
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
});

describe(
  'the example abra recipe on a real swarm, deployed by the abra stand-in',
  { skip: unavailable },
  () => {
    const BASE = 'ci.example.test';
    const standIn = new AbraStandIn();
    /** The recipe's release images: one local image under each release's tag. */
    const IMAGES = ['1.0', '1.1', '2.0'].map((v) => `recipe-ci-busybox:${v}`);
    const suite = (
      phase: 'main' | 'post',
      given: Record<string, string>,
      state?: Record<string, string>,
    ) =>
      new FakeActionsEnv().run(
        'recipe-suite',
        phase,
        { recipe: 'notes', server: 'local', 'base-domain': BASE, ...given },
        { state, env: standIn.env({ dockerHost: lab.host }) },
      );
    const objectsOf = async (stack: string) => ({
      services: [...(await lab.names('service'))].filter((n) => n.startsWith(`${stack}_`)).sort(),
      secrets: [...(await lab.names('secret'))].filter((n) => n.startsWith(`${stack}_`)).sort(),
      volumes: [...(await lab.names('volume'))].filter((n) => n.startsWith(`${stack}_`)).sort(),
    });
    /** A run killed after its deploy (main with keep: always and no post): the janitor's prey. */
    let killed: { stack: string; at: number } | undefined;
    let madeProxy = false;

    before(async () => {
      if (unavailable !== undefined) return;
      await lab.ensureSwarm();
      lab.busybox(...IMAGES);
      // Traefik's network, as provision's local provider makes it; removed at the end if made here.
      madeProxy =
        (await lab.docker(['network', 'create', '--driver', 'overlay', '--attachable', 'proxy']))
          .code === 0;
      const main = await suite('main', {
        'recipe-path': recipeRepo({ fixture: 'recipe-abra-notes', candidate: '1.1.0+1.1' }),
        tiers: 'install',
        keep: 'always',
      });
      assert.equal(main.code, 0, main.stdout + main.stderr);
      killed = { stack: stackName(main.outputs.domain ?? ''), at: Date.now() };
    });

    it('install → upgrade → backup → restore → custom pass; data survives the upgrade and comes back on restore; post removes every object', async () => {
      const repo = recipeRepo({ fixture: 'recipe-abra-notes', candidate: '1.1.0+1.1' });
      const main = await suite('main', {
        'recipe-path': repo,
        keep: 'on-failure',
        'env-file': oidcEnvFile(),
      });
      assert.equal(main.code, 0, main.stdout + main.stderr);
      const results = JSON.parse(readFileSync(main.outputs.results ?? '', 'utf8')) as {
        tiers: { tier: string; status: string; reason: string; durationMs: number }[];
      };
      const statuses = Object.fromEntries(results.tiers.map((t) => [t.tier, t.status]));
      assert.deepEqual(statuses, {
        install: 'passed',
        upgrade: 'passed',
        backup: 'passed',
        restore: 'passed',
        custom: 'passed',
      });
      assert.match(
        main.stdout,
        /data verify: passed/,
        'the seeded note was read back after the upgrade',
      );
      assert.match(
        main.stdout,
        /seeded before the upgrade/,
        'the custom test fetched the note over HTTP',
      );
      for (const t of results.tiers)
        process.stdout.write(`# timeline ${t.tier} ${String(t.durationMs)} ms\n`);

      // The candidate runs for real: its own image, the secret mounted, the note restored.
      const stack = stackName(main.outputs.domain ?? '');
      const image = await lab.must([
        'service',
        'inspect',
        '--format',
        '{{.Spec.TaskTemplate.ContainerSpec.Image}}',
        `${stack}_app`,
      ]);
      assert.equal(image.trim(), 'recipe-ci-busybox:1.1');
      const appEnv = await lab.must([
        'service',
        'inspect',
        '--format',
        '{{json .Spec.TaskTemplate.ContainerSpec.Env}}',
        `${stack}_app`,
      ]);
      assert.ok(
        (JSON.parse(appEnv) as string[]).includes(
          'OIDC_ISSUER=https://sso.example.test/realms/ci-notes-1',
        ),
        `the run's sign-in settings reached the app's container: ${appEnv}`,
      );
      assert.deepEqual(await objectsOf(stack), {
        services: [`${stack}_app`, `${stack}_db`],
        secrets: [`${stack}_db_password_v1`],
        volumes: [`${stack}_data`],
      });
      const mountpoint = (
        await lab.must(['volume', 'inspect', '--format', '{{.Mountpoint}}', `${stack}_data`])
      ).trim();
      assert.equal(
        readFileSync(join(mountpoint, 'notes.txt'), 'utf8'),
        'seeded before the upgrade\n',
      );

      const post = await suite('post', { 'recipe-path': repo }, main.state);
      assert.equal(post.code, 0, post.stdout + post.stderr);
      assert.deepEqual(await objectsOf(stack), { services: [], secrets: [], volumes: [] });
    });

    it('a release whose database cannot start fails install with the task error; post still removes it all', async () => {
      const repo = recipeRepo({
        fixture: 'recipe-abra-notes',
        candidate: '1.1.0+1.1',
        // The secret is mounted, but the database now insists on another one.
        change: (dir) => {
          const file = join(dir, 'compose.yml');
          writeFileSync(
            file,
            readFileSync(file, 'utf8').replace('/run/secrets/db_password', '/run/secrets/absent'),
          );
          const config = join(dir, '.recipe-ci.yml');
          writeFileSync(config, readFileSync(config, 'utf8').replace('timeout: 1m', 'timeout: 8s'));
        },
      });
      const main = await suite('main', { 'recipe-path': repo, tiers: 'install' });
      assert.equal(main.code, 1, main.stdout);
      assert.match(main.stdout, /services not at their replica counts within 8s: .*_db 0\/1/);
      assert.match(
        main.stdout,
        /task: non-zero exit \(1\)/,
        'the real task error is in the diagnostics',
      );
      const stack = stackName(main.outputs.domain ?? '');
      const post = await suite('post', { 'recipe-path': repo }, main.state);
      assert.equal(post.code, 0, post.stdout + post.stderr);
      assert.deepEqual(await objectsOf(stack), { services: [], secrets: [], volumes: [] });
    });

    it('the janitor removes a killed run’s real services, secret and volume through abra, and no other stack', async () => {
      assert.ok(killed, 'the killed run deployed');
      const foreign = 'blog_example_org';
      await lab.must(['secret', 'create', `${foreign}_db_password_v1`, '-'], 'x');
      // max-age is at least a minute; the killed run's objects are really that old first.
      const wait = killed.at + 61_000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      assert.equal(
        (await objectsOf(killed.stack)).services.length,
        2,
        'the killed run is still up',
      );
      const result = await suite('main', {
        'recipe-path': recipeRepo({ fixture: 'recipe-abra-notes' }),
        mode: 'janitor',
        'max-age': '1m',
      });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.summary, /\| removed/);
      assert.deepEqual(await objectsOf(killed.stack), { services: [], secrets: [], volumes: [] });
      // The earlier test's apps killed before deploy and before rm are older than a minute too.
      for (const stack of ['note-0e0e0e_ci_example_test', 'note-0f0f0f_ci_example_test'])
        assert.deepEqual(await objectsOf(stack), { services: [], secrets: [], volumes: [] }, stack);
      assert.doesNotMatch(result.summary, /NOT removed/);
      assert.deepEqual(
        (await objectsOf(foreign)).secrets,
        [`${foreign}_db_password_v1`],
        'not ours: kept',
      );
      await lab.must(['secret', 'rm', `${foreign}_db_password_v1`]);
      if (madeProxy) await lab.must(['network', 'rm', 'proxy']);
    });
  },
);

describe('after the Docker tests', { skip: unavailable }, () => {
  it('leaves nothing the tests made but what close() removes', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const left = await lab.leftovers();
    assert.deepEqual(left.stack ?? [], [], 'every stack of these tests was removed');
    assert.deepEqual(left.secret ?? [], [], 'every secret of these tests was removed');
    assert.deepEqual(left.volume ?? [], [], 'every volume of these tests was removed');
    // The swarm's own networks go with the swarm itself, in close(), if the lab made it.
    const networks = (left.network ?? []).filter(
      (n) => !['ingress', 'docker_gwbridge'].includes(n),
    );
    assert.deepEqual(networks, [], 'every network of these tests was removed');
  });
});
