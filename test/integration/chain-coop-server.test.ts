/**
 * The Co-op Cloud path on a server of its own: a guest-lab guest with its own Docker engine (a
 * swarm at its address and the `proxy` network, as the coop-cloud-server template leaves a VM),
 * and the whole chain as one `recipe-ci run` of the committed dist/ — provision (`ssh`),
 * readiness (real sshd and cloud-init), oidc-realm (the lab's real Keycloak), recipe-suite with
 * the abra backend — on the example abra recipe (test/fixtures/recipe-abra-notes).
 *
 * abra itself is the stand-in (test/support/abra-stand-in/: the Go module proxy here refuses
 * coopcloud.tech/abra, so the real one cannot be built), but in the mode where what it does to
 * the server is real: `server add` makes a Docker context for the guest as abra does, and every
 * deploy, secret, volume, backup and `app run` goes to the guest's engine through the real docker
 * CLI's SSH connection helper (`ssh … docker system dial-stdio` on the guest), under the run's
 * SSH config with the run's key and the pinned host key; our own swarm queries go the same way
 * (`docker --context <guest>`). Needs root, docker.io and busybox-static.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { stackName } from '../../src/deploy/swarm.ts';
import type { Guest, Lab } from '../lab/index.ts';
import { guestDockerUnavailable, startLab } from '../lab/index.ts';
import { AbraStandIn } from '../support/abra-stand-in.ts';
import { FakeActionsEnv } from '../support/fake-actions-env.ts';
import { gatedMachine } from '../support/gated-machine.ts';
import { startKeycloakTarget, type KeycloakTarget } from '../support/keycloak-target.ts';
import { runInGroup, type GroupRun } from '../support/process-group.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const BASE = 'ci.example.test';
/** The recipe's release images: the lab's local image under each release's tag. */
const IMAGES = ['1.0', '1.1', '2.0'].map((v) => `recipe-ci-busybox:${v}`);
const KINDS = ['service', 'secret', 'volume', 'network'] as const;
/** The whole run's limit: it takes about a minute here, the rest is room for a busy machine. */
const RUN_LIMIT_MS = 10 * 60_000;

const unavailable = guestDockerUnavailable();
const when = { skip: unavailable ?? false };

let lab: Lab | undefined;
let guest: Guest;
let keycloak: KeycloakTarget | undefined;
before(async () => {
  if (unavailable !== undefined) return;
  lab = await startLab();
  guest = await lab.addGuest({
    authorized: true,
    cloudInitPhase: { status: 'done' },
    docker: true,
  });
  engine().busybox(...IMAGES);
  keycloak = await startKeycloakTarget();
});
after(async () => {
  await keycloak?.stop();
  await lab?.close();
});

function engine(): NonNullable<Guest['docker']> {
  const docker = guest.docker;
  assert.ok(docker, 'the guest has its engine');
  return docker;
}

/** Everything of `stack` on the guest's engine, by kind (empty lists when nothing is left). */
async function objectsOf(stack: string): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const kind of KINDS) {
    const names = (await engine().must([kind, 'ls', '--format', '{{.Name}}']))
      .split('\n')
      .filter((name) => name.startsWith(`${stack}_`));
    found[kind] = names.sort();
  }
  return found;
}

/** Service names created on the guest's engine since `since` (docker's own event log). */
async function servicesCreatedSince(since: number): Promise<string[]> {
  const events = await engine().must([
    'events',
    '--since',
    String(Math.floor(since / 1000)),
    '--until',
    String(Math.ceil(Date.now() / 1000)),
    '--filter',
    'type=service',
    '--filter',
    'event=create',
    '--format',
    '{{.Actor.Attributes.name}}',
  ]);
  return events.split('\n').filter(Boolean);
}

interface CliRun extends GroupRun {
  cwd: string;
}

/**
 * One `node dist/cli.js run …` with the stand-in abra first on PATH, in a group of its own with a
 * time limit: a hang is interrupted like a cancelled job (post steps still clean up the guest and
 * the realm), then killed with everything it started, and never outlives the test.
 */
async function recipeCiRun(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const cwd = tempDir('recipe-ci-coop-cwd-');
  const run = await runInGroup(process.execPath, [CLI, 'run', ...args], {
    cwd,
    env: { ...process.env, TMPDIR: tempDir('recipe-ci-coop-tmp-'), ...env },
    timeoutMs: RUN_LIMIT_MS,
    graceMs: 60_000,
  });
  return { ...run, cwd };
}

describe('the Co-op Cloud path on a guest with its own Docker engine', () => {
  it(
    'recipe-ci run: every tier passes on the guest’s engine, post removes the app there, the realm is gone',
    when,
    async () => {
      assert.ok(lab && keycloak);
      const standIn = new AbraStandIn();
      const since = Date.now();
      const run = await recipeCiRun(
        [
          ...['--recipe', 'notes', '--backend', 'abra'],
          ...[
            '--recipe-path',
            recipeRepo({ fixture: 'recipe-abra-notes', candidate: '1.1.0+1.1' }),
          ],
          ...['--targets', stringify([{ name: 'coop', provider: 'ssh', host: guest.address }])],
          ...['--base-domain', BASE, '--results-dir', 'results'],
          ...['--keycloak-url', keycloak.url, '--keycloak-admin-client-id', keycloak.client.id],
        ],
        {
          ...standIn.env({ serverEngines: true }),
          SSH_PRIVATE_KEY: readFileSync(lab.clientKey.privateKeyPath, 'utf8'),
          KEYCLOAK_ADMIN_CLIENT_SECRET: keycloak.client.secret,
        },
      );
      const shown = `exit ${String(run.code ?? run.signal)}${run.timedOut ? ' (timed out)' : ''}\n${run.stderr}\n${run.stdout}`;
      assert.equal(run.code, 0, shown);
      assert.equal(run.timedOut, false, shown);
      const results = JSON.parse(
        readFileSync(join(run.cwd, 'results', 'coop', 'results.json'), 'utf8'),
      ) as { domain: string; tiers: { tier: string; status: string }[] };
      assert.deepEqual(
        results.tiers.filter((t) => t.status !== 'skipped').map((t) => `${t.tier} ${t.status}`),
        ['install passed', 'upgrade passed', 'backup passed', 'restore passed', 'custom passed'],
        shown,
      );
      // abra registered the guest and reached its engine over ssh, not any engine of this machine.
      assert.ok(standIn.abraCommands().includes(`server add ${guest.address} -n`), shown);
      const stack = stackName(results.domain);
      const created = await servicesCreatedSince(since);
      assert.ok(
        created.includes(`${stack}_app`),
        `the app ran on the guest: ${created.join(', ')}`,
      );
      assert.ok(created.includes(`${stack}_db`), 'and its database');
      // Post undeployed and removed the app there: nothing of it is on the guest's engine.
      assert.deepEqual(
        await objectsOf(stack),
        { service: [], secret: [], volume: [], network: [] },
        'nothing of the app is left on the guest',
      );
      assert.deepEqual(
        (await keycloak.realmNames()).filter((r) => r !== 'master'),
        [],
        'the realm is gone',
      );
      assert.match(run.stderr, /run: every post step ran; nothing was left behind/, shown);
    },
  );

  it(
    'a host key that changed between readiness and the deploy stops abra before anything starts on the guest',
    when,
    async () => {
      assert.ok(lab);
      const machine = await gatedMachine(guest.address, lab.clientKey.privateKeyPath);
      await guest.changeHostKey();
      const standIn = new AbraStandIn();
      const since = Date.now();
      const main = await new FakeActionsEnv().run(
        'recipe-suite',
        'main',
        {
          recipe: 'notes',
          'recipe-path': recipeRepo({ fixture: 'recipe-abra-notes', candidate: '1.1.0+1.1' }),
          backend: 'abra',
          domain: 'note-c0a5e1.ci.example.test',
          ...machine,
        },
        { env: standIn.env({ serverEngines: true }) },
      );
      assert.equal(main.code, 1, main.stdout);
      assert.match(main.stdout, /shows host key/);
      assert.deepEqual(await servicesCreatedSince(since), [], 'no service started on the guest');
      assert.equal(
        (await engine().must(['secret', 'ls', '--format', '{{.Name}}'])).trim(),
        '',
        'no secret made on the guest',
      );
    },
  );
});
