/**
 * The chain on the path a workflow takes: provision hands on a lab guest (real sshd and
 * cloud-init CLI in a network namespace), readiness gates it and pins its host key, and
 * recipe-suite deploys the example recipe ON THAT GUEST through RECIPE_CI_SSH_CONFIG — the app
 * answers on the guest's address and nothing of it listens on the runner. A guest whose host key
 * changed after readiness is refused before anything is deployed. Runs the committed dist/
 * bundles as a runner does. Needs root.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Guest, Lab } from '../lab/index.ts';
import { startLab } from '../lab/index.ts';
import { AbraStandIn, STAND_IN_BIN } from '../support/abra-stand-in.ts';
import { FakeActionsEnv, runProcess } from '../support/fake-actions-env.ts';
import { gatedMachine, type MachineInputs } from '../support/gated-machine.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

let lab: Lab;
let guest: Guest;
before(async () => {
  lab = await startLab();
  guest = await lab.addGuest({ authorized: true, cloudInitPhase: { status: 'done' } });
});
after(async () => {
  await lab.close();
});

/** The guest, provisioned and gated as a workflow hands it to recipe-suite. */
function gated(): Promise<MachineInputs> {
  return gatedMachine(guest.address, lab.clientKey.privateKeyPath);
}

function suiteInputs(machine: Record<string, string>, domain: string): Record<string, string> {
  return {
    recipe: 'notes',
    'recipe-path': recipeRepo({ candidate: '1.1.0+1.1' }),
    backend: 'command',
    domain,
    tiers: 'install,custom',
    ...machine,
  };
}

/** Whether something accepts TCP on 127.0.0.1:port of the runner. */
function listensOnRunner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

describe('recipe-suite deploys on the machine provision made and readiness proved', () => {
  it('the app answers on the guest, not on the runner; post removes it and the SSH config', async () => {
    const machine = await gated();
    const domain = 'notes-chain1.ci.example.test';
    const inputs = suiteInputs(machine, domain);
    const env = new FakeActionsEnv();
    const main = await env.run('recipe-suite', 'main', inputs);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    const saved = JSON.parse(main.state['suite-run'] ?? '{}') as { env: Record<string, string> };
    const port = Number(saved.env.RECIPE_CI_PORT);
    assert.equal(saved.env.RECIPE_CI_HOST, guest.address);
    const config = saved.env.RECIPE_CI_SSH_CONFIG ?? '';
    assert.ok(existsSync(config), 'the SSH config exists while the app runs');

    const onGuest = await guest.exec(`ss -Hltn 'sport = :${String(port)}'`);
    assert.match(
      onGuest.stdout,
      new RegExp(`${guest.address.replace(/\./g, '\\.')}:${String(port)}`),
    );
    const url = `http://${guest.address}:${String(port)}/health`;
    const health = await guest.exec(
      `node -e "fetch('${url}').then(async (r) => console.log(await r.text()))"`,
    );
    assert.match(health.stdout, /^ok/);
    assert.equal(await listensOnRunner(port), false, 'nothing of the app listens on the runner');
    const appDir = await guest.exec(`test -d ~root/recipe-ci-apps/${domain}`);
    assert.equal(appDir.code, 0, 'the app was copied to the guest');

    const post = await env.run('recipe-suite', 'post', inputs, { state: main.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.equal(
      (await guest.exec(`test -e ~root/recipe-ci-apps/${domain}`)).code,
      1,
      'the app folder is gone',
    );
    assert.equal(
      (await guest.exec('test -e ~root/recipe-ci-apps')).code,
      1,
      'the last app took its parent folder with it',
    );
    assert.equal((await guest.exec(`ss -Hltn 'sport = :${String(port)}'`)).stdout.trim(), '');
    assert.equal(existsSync(config), false, 'post removed the SSH config');
  });

  it('a host key that changed after readiness stops the run before any deploy', async () => {
    const machine = await gated();
    const pinned = guest.hostKeyFingerprint();
    await guest.changeHostKey();
    const domain = 'notes-chain2.ci.example.test';
    const main = await new FakeActionsEnv().run(
      'recipe-suite',
      'main',
      suiteInputs(machine, domain),
    );
    assert.equal(main.code, 1, main.stdout);
    assert.ok(main.stdout.includes(pinned), 'names the pinned fingerprint');
    assert.ok(main.stdout.includes(guest.hostKeyFingerprint()), 'names the key the guest shows');
    assert.match(main.stdout, new RegExp(`${guest.address.replace(/\./g, '\\.')} shows host key`));
    assert.equal(
      (await guest.exec(`test -e ~root/recipe-ci-apps/${domain}`)).code,
      1,
      'nothing deployed',
    );
    assert.equal(main.state['suite-run'], undefined, 'no app saved for post to remove');
  });

  it('a known-hosts file that does not pin the host, or a missing key: exit 2, nothing deployed', async () => {
    const dir = tempDir('recipe-ci-machine-');
    const otherKnownHosts = join(dir, 'known_hosts');
    writeFileSync(otherKnownHosts, `10.9.9.9 ${guest.hostPublicKey()}\n`);
    const base = {
      host: guest.address,
      'private-key-path': lab.clientKey.privateKeyPath,
      'known-hosts': otherKnownHosts,
    };
    const unpinned = await new FakeActionsEnv().run(
      'recipe-suite',
      'main',
      suiteInputs(base, 'notes-chain3.ci.example.test'),
    );
    assert.equal(unpinned.code, 2, unpinned.stdout);
    assert.match(unpinned.stdout, /input "known-hosts" pins no key for 10\./);
    const noKey = await new FakeActionsEnv().run(
      'recipe-suite',
      'main',
      suiteInputs(
        { ...base, 'private-key-path': join(dir, 'absent') },
        'notes-chain3.ci.example.test',
      ),
    );
    assert.equal(noKey.code, 2, noKey.stdout);
    assert.match(
      noKey.stdout,
      /input "private-key-path" names a file that cannot be read \(ENOENT\)/,
    );
    assert.ok(!noKey.stdout.includes(join(dir, 'absent')), 'the key path is not logged');
  });
});

describe('the abra backend reaches the handed-over machine over the system ssh, as abra does', () => {
  /** What the stand-in connected to: its `server add` and every app command open ssh. */
  function abraInputs(machine: Record<string, string>, domain: string): Record<string, string> {
    return {
      recipe: 'notes',
      'recipe-path': recipeRepo({ fixture: 'recipe-abra-notes', candidate: '1.1.0+1.1' }),
      backend: 'abra',
      domain,
      tiers: 'install',
      ...machine,
    };
  }

  it("server is the guest; abra's ssh uses the run key and the pinned key; post removes its HOME", async () => {
    const machine = await gated();
    const standIn = new AbraStandIn();
    const runner = new FakeActionsEnv();
    const domain = 'note-c4a1b2.ci.example.test';
    const given = abraInputs(machine, domain);
    const main = await runner.run('recipe-suite', 'main', given, { env: standIn.env() });
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.ok(
      standIn.abraCommands().includes(`server add ${guest.address} -n`),
      standIn.abraCommands().join('\n'),
    );
    assert.ok(
      standIn
        .abraCommands()
        .includes(`app deploy ${domain} 1.1.0+1.1 --no-converge-checks --no-domain-checks -n`),
    );
    const saved = JSON.parse(main.state['suite-run'] ?? '{}') as { backend?: { abraDir?: string } };
    const home = `${saved.backend?.abraDir ?? ''}-home`;
    assert.ok(existsSync(join(home, '.ssh', 'config')), 'a HOME of the run’s own for abra');
    assert.equal(
      existsSync(
        join(homedir(), '.docker', 'contexts', 'recipe-ci-stand-in', `${guest.address}.json`),
      ),
      false,
      'the runner user’s ~/.docker is not touched',
    );

    const post = await runner.run('recipe-suite', 'post', given, {
      state: main.state,
      env: standIn.env(),
    });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.ok(standIn.abraCommands().includes(`app undeploy ${domain} -n`), 'post reached it too');
    assert.deepEqual(standIn.swarm().services, []);
    assert.equal(existsSync(home), false, 'post removed abra’s HOME');
  });

  it('the stand-in is honest: without the run’s HOME and ssh, the same server add fails', async () => {
    const standIn = new AbraStandIn();
    const bare = await runProcess(
      [join(STAND_IN_BIN, 'abra.mjs'), 'server', 'add', guest.address, '-n'],
      {
        ...process.env,
        ...standIn.env(),
        ABRA_DIR: tempDir('recipe-ci-abra-bare-'),
        HOME: tempDir('recipe-ci-home-bare-'),
      },
    );
    assert.notEqual(bare.code, 0, bare.stdout);
    assert.match(
      bare.stderr,
      new RegExp(`cannot reach ${guest.address.replace(/\./g, '\\.')} over ssh`),
    );
  });

  it('a server other than the handed-over host: exit 2 before anything runs', async () => {
    const machine = await gated();
    const standIn = new AbraStandIn();
    const main = await new FakeActionsEnv().run(
      'recipe-suite',
      'main',
      { ...abraInputs(machine, 'note-c4a1b3.ci.example.test'), server: 'other.example.test' },
      { env: standIn.env() },
    );
    assert.equal(main.code, 2, main.stdout);
    assert.match(
      main.stdout,
      /input "server" is other\.example\.test, but the machine handed over is/,
    );
    assert.deepEqual(standIn.calls(), []);
  });
});
